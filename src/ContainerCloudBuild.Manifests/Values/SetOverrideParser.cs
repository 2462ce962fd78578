using System.Text;

namespace ContainerCloudBuild.Manifests.Values;

/// <summary>
/// Parses <c>--set path.to.key=value</c> overrides into a values layer. A dot inside a key is
/// written <c>\.</c> (e.g. <c>podAnnotations.example\.com/team=a</c>). The value is read as a plain
/// YAML scalar, so <c>replicas=3</c> is an integer and <c>tag=1.0</c> stays "1.0" in a string slot.
/// </summary>
public static class SetOverrideParser
{
    public static ValueMap Parse(IEnumerable<string> overrides, List<ManifestDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var root = new ValueMap(new ValueSource("--set"));
        foreach (var item in overrides)
        {
            var source = new ValueSource($"--set {item}");
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var path = eq < 0 ? null : SplitPath(item[..eq]);
            if (path is null || path.Any(p => p.Length == 0 || p.Contains('[', StringComparison.Ordinal)))
            {
                diagnostics.Add(ManifestDiagnostic.Error(DiagnosticCodes.ValuesBadSet,
                    $"'{item}' is not a valid override. Use path.to.key=value (escape a dot in a key as '\\.'; set whole lists in a values file).",
                    "--set"));
                continue;
            }
            var map = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (!map.Entries.TryGetValue(path[i], out var child) || child is not ValueMap childMap)
                {
                    childMap = new ValueMap(source);
                    map.Entries[path[i]] = childMap;
                }
                map = childMap;
            }
            map.Entries[path[^1]] = ScalarResolver.Resolve(item[(eq + 1)..], quoted: false, source);
        }
        return root;
    }

    private static List<string> SplitPath(string path)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.')
            {
                current.Append('.');
                i++;
            }
            else if (path[i] == '.')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }
        parts.Add(current.ToString());
        return parts;
    }
}

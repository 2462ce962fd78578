using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>
/// Matches files below a root with globs: <c>*</c> (within a path segment), <c>?</c>, <c>**</c>
/// (any number of segments). A glob starting with <c>!</c> excludes what it matches.
/// </summary>
public static class FileGlob
{
    public static IReadOnlyList<string> Match(string root, IEnumerable<string> globs)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(globs);
        var list = globs.ToList();
        var includes = list.Where(g => !g.StartsWith('!')).ToList();
        var excludes = list.Where(g => g.StartsWith('!')).Select(g => ToRegex(g[1..])).ToList();
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var glob in includes)
        {
            var regex = ToRegex(glob);
            var baseDir = Path.Combine(root, StaticPrefix(glob));
            if (File.Exists(baseDir))
            {
                AddIfMatches(root, baseDir, regex, excludes, result);
                continue;
            }

            if (!Directory.Exists(baseDir)) continue;
            foreach (var file in Directory.EnumerateFiles(baseDir, "*", SearchOption.AllDirectories))
                AddIfMatches(root, file, regex, excludes, result);
        }

        return [.. result];
    }

    private static void AddIfMatches(string root, string file, Regex include, List<Regex> excludes, SortedSet<string> result)
    {
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        if (include.IsMatch(relative) && !excludes.Any(e => e.IsMatch(relative)))
            result.Add(relative);
    }

    /// <summary>The leading segments without wildcards: where enumeration can start.</summary>
    private static string StaticPrefix(string glob)
    {
        var segments = Normalize(glob).Split('/');
        var fixedSegments = segments.TakeWhile(s => s.IndexOfAny(['*', '?']) < 0).ToList();
        return string.Join('/', fixedSegments);
    }

    private static string Normalize(string glob) => glob.Replace('\\', '/').TrimStart('/');

    public static Regex ToRegex(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var g = Normalize(glob);
        var sb = new StringBuilder("^");
        for (var i = 0; i < g.Length; i++)
        {
            var c = g[i];
            if (c == '*' && i + 1 < g.Length && g[i + 1] == '*')
            {
                var slashAfter = i + 2 < g.Length && g[i + 2] == '/';
                sb.Append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }

        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.CultureInvariant);
    }
}

using System.Globalization;
using System.Text.Json;

namespace ContainerCloudBuild.Analysis.Providers.Web;

/// <summary>
/// A tiny JSON path: <c>$</c>, then <c>.name</c> and <c>[index]</c> steps, e.g. <c>$.data.ratio</c> or
/// <c>$.data.result[0].value[1]</c>. Returns null when a step does not exist.
/// </summary>
public static class JsonPath
{
    public static JsonElement? Select(JsonElement root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('$'))
            throw new FormatException($"JSON path '{path}' must start with '$' (e.g. '$.data.ratio').");
        var current = root;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                var name = path[(i + 1)..end];
                if (name.Length == 0)
                    throw new FormatException($"JSON path '{path}' has an empty name at position {i}.");
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                    return null;
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    throw new FormatException($"JSON path '{path}' has a bad index at position {i}; use [0], [1], ...");
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength())
                    return null;
                current = current[index];
                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{path}' has '{path[i]}' at position {i}; expected '.' or '['.");
            }
        }
        return current;
    }

    /// <summary>Reads a number from a JSON number, a numeric string ("0.97", "NaN") or a boolean (1/0).</summary>
    public static double? ToDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}

using System.Collections;
using System.Text;

namespace ContainerCloudBuild.Manifests.Yaml;

/// <summary>
/// Writes nested maps, lists and scalars as block YAML. Every key and scalar goes through
/// <see cref="YamlScalar"/>, so no value can add structure. Map order is the input order.
/// </summary>
public static class YamlBlockWriter
{
    /// <summary>A whole document (a map at column 0), ending with a newline.</summary>
    public static string WriteDocument(object? value)
    {
        var sb = new StringBuilder();
        if (AsMap(value) is { Count: > 0 } map)
            WriteMap(sb, map, 0);
        else
            sb.Append(FormatLeaf(value)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// What follows <c>key:</c> in a template: <c>" scalar"</c>, <c>" {}"</c>/<c>" []"</c> or a newline
    /// and a block indented by <paramref name="indent"/> spaces. No trailing newline.
    /// </summary>
    public static string WriteAfterKey(object? value, int indent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(indent);
        var sb = new StringBuilder();
        WriteValue(sb, value, indent);
        sb.Length--;
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value, int indent)
    {
        if (AsMap(value) is { Count: > 0 } map)
        {
            sb.Append('\n');
            WriteMap(sb, map, indent);
        }
        else if (AsList(value) is { Count: > 0 } list)
        {
            sb.Append('\n');
            WriteList(sb, list, indent);
        }
        else
        {
            sb.Append(' ').Append(FormatLeaf(value)).Append('\n');
        }
    }

    private static void WriteMap(StringBuilder sb, List<KeyValuePair<string, object?>> map, int indent)
    {
        foreach (var (key, value) in map)
        {
            sb.Append(' ', indent).Append(YamlScalar.FormatString(key)).Append(':');
            WriteValue(sb, value, indent + 2);
        }
    }

    private static void WriteList(StringBuilder sb, List<object?> list, int indent)
    {
        foreach (var item in list)
        {
            if (AsMap(item) is { Count: > 0 } map)
            {
                var inner = new StringBuilder();
                WriteMap(inner, map, indent + 2);
                inner.Remove(0, indent + 2).Insert(0, new string(' ', indent) + "- ");
                sb.Append(inner);
            }
            else if (AsList(item) is { Count: > 0 } nested)
            {
                sb.Append(' ', indent).Append("-\n");
                WriteList(sb, nested, indent + 2);
            }
            else
            {
                sb.Append(' ', indent).Append("- ").Append(FormatLeaf(item)).Append('\n');
            }
        }
    }

    private static string FormatLeaf(object? value) =>
        AsMap(value) is not null ? "{}" : AsList(value) is not null ? "[]" : YamlScalar.Format(value);

    private static List<KeyValuePair<string, object?>>? AsMap(object? value) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> pairs => [.. pairs],
        IDictionary dictionary => [.. dictionary.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", e.Value))],
        _ => null,
    };

    private static List<object?>? AsList(object? value) =>
        value is IEnumerable enumerable and not string && AsMap(value) is null ? [.. enumerable.Cast<object?>()] : null;
}

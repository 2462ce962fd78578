using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Manifests.Yaml;

/// <summary>
/// Writes any scalar so that it is one YAML scalar node whatever it contains: a conservative set of
/// words stays plain, everything else is double-quoted with every character that could end the
/// scalar, start a comment, or be changed by a YAML reader escaped.
/// </summary>
public static class YamlScalar
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf", "infinity",
    };

    /// <summary>Formats strings, numbers, booleans and null; strings are quoted when needed.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => FormatString(s),
        long or int or short or byte or sbyte or uint or ulong or ushort =>
            Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        _ => FormatString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    /// <summary>Always a string scalar: numbers and booleans become their quoted text.</summary>
    public static string FormatAsString(object? value) => value switch
    {
        null => "\"\"",
        string s => FormatString(s),
        bool b => b ? "\"true\"" : "\"false\"",
        _ => DoubleQuote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    public static string FormatString(string value) => IsPlainSafe(value) ? value : DoubleQuote(value);

    public static bool IsPlainSafe(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || Reserved.Contains(value))
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '/' or '-'))
                return false;
        }
        return true;
    }

    public static string DoubleQuote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
                throw new ArgumentException($"The value contains an unpaired UTF-16 surrogate (U+{(int)c:X4}) at index {i}; it cannot be written as UTF-8.", nameof(value));
            AppendEscaped(sb, c);
        }
        return sb.Append('"').ToString();
    }

    private static void AppendEscaped(StringBuilder sb, char c)
    {
        switch (c)
        {
            case '"': sb.Append("\\\""); return;
            case '\\': sb.Append("\\\\"); return;
            case '\0': sb.Append("\\0"); return;
            case '\t': sb.Append("\\t"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\u0085': sb.Append("\\N"); return;
            case '\u2028': sb.Append("\\L"); return;
            case '\u2029': sb.Append("\\P"); return;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
        else if (c is '\uFEFF' or '\uFFFE' or '\uFFFF')
            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        else
            sb.Append(c);
    }

    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsPositiveInfinity(d)) return ".inf";
        if (double.IsNegativeInfinity(d)) return "-.inf";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}

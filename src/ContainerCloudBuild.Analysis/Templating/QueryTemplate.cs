using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Analysis.Templating;

/// <summary>
/// Substitutes <c>{{name}}</c> placeholders (e.g. <c>{{app}}</c>, <c>{{revision}}</c>, <c>{{interval}}</c>) from a
/// dictionary. Values are escaped for the target language (PromQL label strings by default), so a value can
/// never break out of <c>"..."</c>. An unknown placeholder is an error naming it and the known ones.
/// </summary>
public static partial class QueryTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")]
    private static partial Regex Placeholder();

    public static string Render(string template, IReadOnlyDictionary<string, string> args) =>
        Render(template, args, EscapePromQlString);

    public static string Render(string template, IReadOnlyDictionary<string, string> args, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(escape);
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (args.TryGetValue(name, out var value))
                return escape(value);
            var known = args.Count == 0 ? "none" : string.Join(", ", args.Keys.Order(StringComparer.Ordinal));
            throw new KeyNotFoundException(
                $"Query template uses '{{{{{name}}}}}' but no argument '{name}' was given (known: {known}). Add it to the analysis arguments.");
        });
    }

    /// <summary>Escapes a value for a PromQL double-quoted label string (backslash, quote, newline).</summary>
    public static string EscapePromQlString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => sb.Append(@"\\"),
                '"' => sb.Append("\\\""),
                '\'' => sb.Append("\\'"),
                '\n' => sb.Append(@"\n"),
                '\r' => sb.Append(@"\r"),
                '\t' => sb.Append(@"\t"),
                _ => sb.Append(c),
            };
        }
        return sb.ToString();
    }

    /// <summary>A Prometheus duration for a window: whole seconds ("30s"), or milliseconds when finer ("1500ms").</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A query window must be positive.");
        var ms = (long)Math.Ceiling(duration.TotalMilliseconds);
        return ms % 1000 == 0
            ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : ms.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}

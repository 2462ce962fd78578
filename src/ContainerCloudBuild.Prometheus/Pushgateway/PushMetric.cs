using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Prometheus.Pushgateway;

/// <summary>One sample to push: name, type ("gauge", "counter", "untyped"), help, labels, value.</summary>
public sealed record PushMetric(string Name, double Value, IReadOnlyDictionary<string, string> Labels)
{
    public string Type { get; init; } = "gauge";

    public string Help { get; init; } = "";
}

/// <summary>Writes samples in the Prometheus text exposition format (0.0.4), one TYPE/HELP block per family.</summary>
public static partial class ExpositionFormat
{
    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static string Write(IEnumerable<PushMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var sb = new StringBuilder();
        foreach (var family in metrics.GroupBy(m => m.Name, StringComparer.Ordinal))
        {
            if (!MetricName().IsMatch(family.Key))
                throw new ArgumentException($"'{family.Key}' is not a valid Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).", nameof(metrics));
            var first = family.First();
            if (first.Help.Length > 0)
                sb.Append("# HELP ").Append(family.Key).Append(' ').Append(first.Help.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal)).Append('\n');
            sb.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.Type).Append('\n');
            foreach (var m in family)
            {
                sb.Append(m.Name);
                if (m.Labels.Count > 0)
                    sb.Append('{').AppendJoin(',', m.Labels.Select(l => $"{CheckLabel(l.Key)}=\"{EscapeLabelValue(l.Value)}\"")).Append('}');
                sb.Append(' ').Append(FormatValue(m.Value)).Append('\n');
            }
        }
        return sb.ToString();
    }

    public static string EscapeLabelValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);
    }

    public static string FormatValue(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    internal static string CheckLabel(string name) => LabelName().IsMatch(name) && !name.StartsWith("__", StringComparison.Ordinal)
        ? name
        : throw new ArgumentException($"'{name}' is not a valid Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __).", nameof(name));
}

using System.Globalization;

namespace ContainerCloudBuild.Analysis;

/// <summary>Verdict on one measurement.</summary>
public enum MeasurementVerdict { Successful, Failed, Inconclusive, NoData, Error }

/// <summary>One measurement: which metric, which value(s), against which condition, with what verdict and when.</summary>
public sealed record AnalysisMeasurement(
    string Metric,
    int Index,
    DateTimeOffset Timestamp,
    IReadOnlyList<double> Values,
    string Condition,
    MeasurementVerdict Verdict,
    string Message)
{
    /// <summary>Values as text, e.g. "0.97" or "[0.97, 1]" or "none".</summary>
    public string ValueText => Values.Count switch
    {
        0 => "none",
        1 => FormatValue(Values[0]),
        _ => "[" + string.Join(", ", Values.Select(FormatValue)) + "]",
    };

    public override string ToString() =>
        $"{Timestamp:O} {Metric} #{Index}: value {ValueText} vs {Condition} -> {Verdict}: {Message}";

    internal static string FormatValue(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

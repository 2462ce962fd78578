using System.Globalization;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Publishes every analysis measurement as an "analysis.measurement" event (metric, index, value, condition,
/// verdict, message) plus fixed fields such as app and revision, and forwards it to an inner observer.
/// </summary>
public sealed class AnalysisEventObserver(EventShipper shipper, IReadOnlyDictionary<string, string> fields, IAnalysisObserver? inner = null) : IAnalysisObserver
{
    public void OnMeasurement(AnalysisMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["metric"] = measurement.Metric,
            ["index"] = measurement.Index.ToString(CultureInfo.InvariantCulture),
            ["value"] = measurement.ValueText,
            ["condition"] = measurement.Condition,
            ["verdict"] = measurement.Verdict.ToString(),
        };
        var level = measurement.Verdict is MeasurementVerdict.Successful ? "info" : "warning";
        shipper.Publish(new PipelineEvent(measurement.Timestamp, "analysis.measurement", measurement.Message, all) { Level = level });
        inner?.OnMeasurement(measurement);
    }

    /// <summary>The final result as an "analysis.result" event.</summary>
    public void OnResult(AnalysisResult result, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(result);
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal)
        {
            ["outcome"] = result.Outcome.ToString(),
            ["metric"] = result.DecidingMetric ?? "",
            ["value"] = result.DecidingMeasurement?.ValueText ?? "",
            ["condition"] = result.DecidingMeasurement?.Condition ?? "",
        };
        shipper.Publish(new PipelineEvent(time.GetUtcNow(), "analysis.result", result.Message, all) { Level = result.IsSuccessful ? "info" : "error" });
    }
}

using ContainerCloudBuild.Analysis;

namespace ContainerCloudBuild.Rollouts.Analysis;

/// <summary>Maps the analysis engine's measurements and outcome onto the rollout core's port types.</summary>
public static class MeasurementMapping
{
    /// <summary>
    /// One value (the lowest of a vector, the one a "&gt;=" condition judges hardest), the condition, and a verdict:
    /// a provider error is Failed, no data is Inconclusive; the message keeps the index, all values and the reason.
    /// </summary>
    public static RolloutAnalysisMeasurement ToRollout(AnalysisMeasurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var verdict = m.Verdict switch
        {
            MeasurementVerdict.Successful => AnalysisVerdict.Successful,
            MeasurementVerdict.Failed or MeasurementVerdict.Error => AnalysisVerdict.Failed,
            _ => AnalysisVerdict.Inconclusive,
        };
        var value = m.Values.Count == 0 || m.Values.All(double.IsNaN) ? (double?)null : m.Values.Where(v => !double.IsNaN(v)).Min();
        var prefix = m.Verdict is MeasurementVerdict.Error or MeasurementVerdict.NoData ? $"({m.Verdict}) " : "";
        return new RolloutAnalysisMeasurement(m.Metric, value, m.Condition, verdict, $"{prefix}#{m.Index} at {m.Timestamp:HH:mm:ss.fff}: {m.Message}");
    }

    public static AnalysisVerdict ToRollout(AnalysisOutcome outcome) => outcome switch
    {
        AnalysisOutcome.Successful => AnalysisVerdict.Successful,
        AnalysisOutcome.Inconclusive => AnalysisVerdict.Inconclusive,
        _ => AnalysisVerdict.Failed,
    };

    /// <summary>The line printed for a measurement as it happens, e.g. <c>[analysis app/v2] haproxy_server_success_rate #2: value 0.7 vs success &gt;= 0.99 -> Failed: ...</c>.</summary>
    public static string Describe(string app, string revision, AnalysisMeasurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return $"[analysis {app}/{revision}] {m.Metric} #{m.Index}: value {m.ValueText} vs {m.Condition} -> {m.Verdict}: {m.Message}";
    }
}

namespace ContainerCloudBuild.Analysis;

/// <summary>Outcome of an analysis. Inconclusive means paused: a human promotes or aborts.</summary>
public enum AnalysisOutcome { Successful, Failed, Inconclusive }

/// <summary>
/// The final judgement. <see cref="Message"/> names the deciding metric, its value and the threshold;
/// <see cref="Measurements"/> holds every measurement in the order taken.
/// </summary>
public sealed record AnalysisResult(
    AnalysisOutcome Outcome,
    string Message,
    string? DecidingMetric,
    AnalysisMeasurement? DecidingMeasurement,
    IReadOnlyList<AnalysisMeasurement> Measurements)
{
    public bool IsSuccessful => Outcome == AnalysisOutcome.Successful;
}

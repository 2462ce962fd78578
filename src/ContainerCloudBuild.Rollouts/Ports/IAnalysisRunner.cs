namespace ContainerCloudBuild.Rollouts;

public enum AnalysisVerdict { Successful, Failed, Inconclusive }

/// <summary>What an analysis step asks: judge <see cref="Candidate"/> against <see cref="Stable"/> with a template.</summary>
public sealed record AnalysisRequest(
    string App, string Template, IReadOnlyDictionary<string, string> Args, RevisionInfo? Stable, RevisionInfo Candidate, int CandidateWeight);

/// <summary>One measured value against its condition, so a failure always shows why.</summary>
public sealed record RolloutAnalysisMeasurement(string Metric, double? Value, string Condition, AnalysisVerdict Verdict, string? Message = null);

public sealed record RolloutAnalysisResult(AnalysisVerdict Verdict, string Message, IReadOnlyList<RolloutAnalysisMeasurement> Measurements);

/// <summary>Judges a canary during an analysis step. Failed aborts the rollout; Inconclusive pauses it until promoted or aborted.</summary>
public interface IAnalysisRunner
{
    Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken);
}

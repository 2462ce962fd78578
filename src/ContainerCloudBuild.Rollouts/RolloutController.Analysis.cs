using System.Globalization;

namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    /// <summary>
    /// Runs one analysis of the candidate and emits every measurement with its condition. Without a runner
    /// the verdict is Failed (an analysis that cannot run never passes).
    /// </summary>
    private async Task<AnalysisResult> AnalyseAsync(RolloutState state, string template, IReadOnlyDictionary<string, string>? args, CancellationToken cancellationToken)
    {
        var candidate = state.Candidate ?? throw new InvalidOperationException($"Analysis '{template}' of '{state.App}' has no candidate revision.");
        if (Analysis is null)
            return new AnalysisResult(AnalysisVerdict.Failed, $"analysis '{template}' was requested but no IAnalysisRunner is configured", []);
        var request = new AnalysisRequest(state.App, template, args ?? new Dictionary<string, string>(), state.Stable, candidate, state.CandidateWeight);
        var result = await Analysis.RunAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var m in result.Measurements)
        {
            var value = m.Value?.ToString("G6", CultureInfo.InvariantCulture) ?? "no data";
            Emit(state, "Measurement", $"{m.Metric} = {value} (condition {m.Condition}): {m.Verdict}{(m.Message is null ? "" : " " + m.Message)}", candidate.Revision);
        }
        return result;
    }
}

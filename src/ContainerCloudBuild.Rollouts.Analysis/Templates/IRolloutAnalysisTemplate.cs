using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Providers.Logs;

namespace ContainerCloudBuild.Rollouts.Analysis.Templates;

/// <summary>
/// What a template builds its metrics from: the rollout's request, the arguments the queries are rendered
/// with (app, revision, backend, server, ... plus the step's own args) and the candidate's logs, if readable.
/// </summary>
public sealed record AnalysisTemplateContext(AnalysisRequest Request, IReadOnlyDictionary<string, string> Args, ILogSource? CandidateLogs, TimeProvider Time);

/// <summary>A named analysis (e.g. "haproxy-canary") that a canary step or a blue-green spec refers to.</summary>
public interface IRolloutAnalysisTemplate
{
    /// <summary>The metrics to judge the candidate with; throws <see cref="ArgumentException"/> on an unusable argument.</summary>
    IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context);
}

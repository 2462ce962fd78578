namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>The analysis stand-in of the rollout tests: answers each analysis from a queue of verdicts, recording what was asked.</summary>
public sealed class ScriptedAnalysis(params AnalysisVerdict[] verdicts) : IAnalysisRunner
{
    private readonly Queue<AnalysisVerdict> _verdicts = new(verdicts);
    private readonly List<AnalysisRequest> _requests = [];

    public IReadOnlyList<AnalysisRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    public Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        AnalysisVerdict verdict;
        lock (_requests)
        {
            _requests.Add(request);
            verdict = _verdicts.Dequeue();
        }
        return Task.FromResult(new RolloutAnalysisResult(verdict, $"success-rate {verdict}",
            [new RolloutAnalysisMeasurement("success-rate", verdict == AnalysisVerdict.Failed ? 80.0 : 99.9, ">= 99", verdict)]));
    }
}

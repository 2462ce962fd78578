namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>Answers analysis steps from a queue of verdicts.</summary>
public sealed class FakeAnalysisRunner(params AnalysisVerdict[] verdicts) : IAnalysisRunner
{
    private readonly Queue<AnalysisVerdict> _verdicts = new(verdicts);

    public List<AnalysisRequest> Requests { get; } = [];

    public Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var verdict = _verdicts.Dequeue();
        return Task.FromResult(new RolloutAnalysisResult(verdict, $"success-rate {verdict}",
            [new RolloutAnalysisMeasurement("success-rate", verdict == AnalysisVerdict.Failed ? 80.0 : 99.9, ">= 99", verdict)]));
    }
}

namespace ContainerCloudBuild.Rollouts.Tests.Fakes;

public sealed class RecordingRolloutEvents : IRolloutEvents
{
    private readonly List<RolloutEvent> _events = [];

    public IReadOnlyList<RolloutEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IEnumerable<string> Kinds => Events.Select(e => e.Kind);

    public void Publish(RolloutEvent rolloutEvent)
    {
        lock (_events) _events.Add(rolloutEvent);
    }
}

/// <summary>Answers analysis steps from a queue of verdicts.</summary>
public sealed class FakeAnalysisRunner(params AnalysisVerdict[] verdicts) : IAnalysisRunner
{
    private readonly Queue<AnalysisVerdict> _verdicts = new(verdicts);

    public List<AnalysisRequest> Requests { get; } = [];

    public Task<AnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var verdict = _verdicts.Dequeue();
        return Task.FromResult(new AnalysisResult(verdict, $"success-rate {verdict}",
            [new AnalysisMeasurement("success-rate", verdict == AnalysisVerdict.Failed ? 80.0 : 99.9, ">= 99", verdict)]));
    }
}

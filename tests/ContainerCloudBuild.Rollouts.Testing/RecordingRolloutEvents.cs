namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>Records every rollout event (thread-safe) and echoes it to the running test's output.</summary>
public sealed class RecordingRolloutEvents : IRolloutEvents
{
    private readonly List<RolloutEvent> _events = [];

    public IReadOnlyList<RolloutEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public IEnumerable<RolloutEventKind> Kinds => Events.Select(e => e.Kind);

    public RolloutEvent? First(RolloutEventKind kind, string? revision = null) =>
        Events.FirstOrDefault(e => e.Kind == kind && (revision is null || e.Revision == revision));

    public void Publish(RolloutEvent rolloutEvent)
    {
        lock (_events) _events.Add(rolloutEvent);
        try { TestContext.Current.TestOutputHelper?.WriteLine(rolloutEvent.ToString()); }
        catch (InvalidOperationException) { } // the test already ended
    }
}

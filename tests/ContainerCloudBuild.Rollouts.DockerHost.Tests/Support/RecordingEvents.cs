namespace ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;

public sealed class RecordingEvents : IRolloutEvents
{
    private readonly List<RolloutEvent> _events = [];

    public IReadOnlyList<RolloutEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public RolloutEvent? First(string kind, string? revision = null) =>
        Events.FirstOrDefault(e => e.Kind == kind && (revision is null || e.Revision == revision));

    public void Publish(RolloutEvent rolloutEvent)
    {
        lock (_events) _events.Add(rolloutEvent);
        try { TestContext.Current.TestOutputHelper?.WriteLine(rolloutEvent.ToString()); }
        catch (InvalidOperationException) { } // the test already ended
    }
}

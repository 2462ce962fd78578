namespace ContainerCloudBuild.Rollouts;

/// <summary>One timestamped rollout step, printed and kept in the run record.</summary>
public sealed record RolloutEvent(DateTimeOffset At, string App, string Kind, string Message, string? Revision = null)
{
    public override string ToString() =>
        $"{At:HH:mm:ss.fff} [{App}{(Revision is null ? "" : "/" + Revision)}] {Kind}: {Message}";
}

/// <summary>Receives every rollout event as it happens.</summary>
public interface IRolloutEvents
{
    void Publish(RolloutEvent rolloutEvent);
}

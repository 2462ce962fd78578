namespace ContainerCloudBuild.Rollouts;

/// <summary>One timestamped rollout step, printed and kept in the run record.</summary>
public sealed record RolloutEvent(DateTimeOffset At, string App, RolloutEventKind Kind, string Message, string? Revision = null)
{
    /// <summary>Set on the event that ends a rollout (Completed, Aborted, Failed): how it ended, typed.</summary>
    public RolloutOutcome? Outcome { get; init; }

    /// <summary>Set when the event changed traffic: the percent the revision being rolled out serves from now on (0 after a rollback).</summary>
    public int? CandidateWeight { get; init; }

    /// <summary>Set on a <see cref="RolloutEventKind.Measurement"/> event: the value measured against its condition.</summary>
    public RolloutAnalysisMeasurement? Measurement { get; init; }

    public override string ToString() =>
        $"{At:HH:mm:ss.fff} [{App}{(Revision is null ? "" : "/" + Revision)}] {Kind}: {Message}";
}

/// <summary>Receives every rollout event as it happens.</summary>
public interface IRolloutEvents
{
    void Publish(RolloutEvent rolloutEvent);
}

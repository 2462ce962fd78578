namespace ContainerCloudBuild.Rollouts;

public sealed record RolloutControllerOptions
{
    /// <summary>How often a waiting rollout looks for Promote/Abort/Undo commands from other processes, unless its store tells it when they arrive.</summary>
    public TimeSpan CommandPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>When the store tells when commands arrive (<see cref="IRolloutStateStore.WatchCommands"/>): how often it is read anyway, in case a notification was lost.</summary>
    public TimeSpan CommandResyncInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long Promote/Abort/Undo wait for the running process to act on a posted command.</summary>
    public TimeSpan CommandAckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a wait that has no poll of its own (health gate, analysis) reports its progress.</summary>
    public TimeSpan ProgressTick { get; init; } = TimeSpan.FromSeconds(1);
}

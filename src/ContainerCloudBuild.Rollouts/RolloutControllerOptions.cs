namespace ContainerCloudBuild.Rollouts;

public sealed record RolloutControllerOptions
{
    /// <summary>How often a waiting rollout looks for Promote/Abort/Undo commands from other processes.</summary>
    public TimeSpan CommandPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long Promote/Abort/Undo wait for the running process to act on a posted command.</summary>
    public TimeSpan CommandAckTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a wait that has no poll of its own (health gate, analysis) reports its progress.</summary>
    public TimeSpan ProgressTick { get; init; } = TimeSpan.FromSeconds(1);
}

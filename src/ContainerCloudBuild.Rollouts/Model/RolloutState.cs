namespace ContainerCloudBuild.Rollouts;

public enum RolloutStrategy { BlueGreen, Canary }

public enum RolloutPhase
{
    /// <summary>Starting the new revision, gating on health, or moving through steps.</summary>
    Progressing,
    /// <summary>Waiting for <c>PromoteAsync</c> (manual gate, or a pause without duration).</summary>
    Paused,
    /// <summary>Blue-green switched; the previous revision is kept for instant undo until the scale-down time.</summary>
    ScaleDownPending,
    Completed,
    Aborted,
    Failed,
}

/// <summary>A running revision as the driver reported it.</summary>
public sealed record RevisionInfo
{
    public required string Revision { get; init; }
    public required string Image { get; init; }
    public string? Digest { get; init; }
    /// <summary>Where the revision answers directly (host:port of its first replica); also the preview address.</summary>
    public string? Address { get; init; }
    /// <summary>Where each replica answers directly (host:port), in replica order; empty in states saved before replicas existed.</summary>
    public IReadOnlyList<string> ReplicaAddresses { get; init; } = [];
    /// <summary>How many replicas run now, as the driver last listed them; null when not listed (e.g. in the saved state).</summary>
    public int? RunningReplicas { get; init; }

    /// <summary>Every replica's address: <see cref="ReplicaAddresses"/>, or the single <see cref="Address"/> of an older state.</summary>
    public IReadOnlyList<string> AllAddresses() => ReplicaAddresses.Count > 0 ? ReplicaAddresses : Address is null ? [] : [Address];

    /// <summary>Value equality, with the replica addresses compared element by element (a loaded state equals the saved one).</summary>
    public bool Equals(RevisionInfo? other) =>
        other is not null && Revision == other.Revision && Image == other.Image && Digest == other.Digest && Address == other.Address
        && ReplicaAddresses.SequenceEqual(other.ReplicaAddresses) && RunningReplicas == other.RunningReplicas && StartedAt == other.StartedAt;

    public override int GetHashCode() => HashCode.Combine(Revision, Image, Digest, Address, ReplicaAddresses.Count, RunningReplicas, StartedAt);
    public DateTimeOffset? StartedAt { get; init; }
}

/// <summary>
/// Everything needed to continue, undo or report a rollout from any process. Persisted after every
/// step by <see cref="IRolloutStateStore"/>; one per application.
/// </summary>
public sealed record RolloutState
{
    public required string App { get; init; }
    public required RolloutStrategy Strategy { get; init; }
    public required RolloutPhase Phase { get; init; }
    /// <summary>Canary: index of the next step to run. Blue-green: 1 once the post-promotion analysis passed.</summary>
    public int StepIndex { get; init; }
    /// <summary>Traffic share of the candidate in percent.</summary>
    public int CandidateWeight { get; init; }
    public RevisionInfo? Stable { get; init; }
    public RevisionInfo? Candidate { get; init; }
    /// <summary>Blue-green after the switch: the revision that served before, kept until <see cref="ScaleDownAt"/>
    /// for an instant undo (<see cref="Stable"/> is then already the new revision).</summary>
    public RevisionInfo? Previous { get; init; }
    public DateTimeOffset? PausedUntil { get; init; }
    public DateTimeOffset? ScaleDownAt { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Message { get; init; }
    /// <summary>The last analysis of this rollout: verdict, message and every measurement (metric, value, condition, verdict).</summary>
    public RolloutAnalysisResult? LastAnalysis { get; init; }
    public BlueGreenSpec? BlueGreen { get; init; }
    public CanarySpec? Canary { get; init; }

    public bool IsTerminal => Phase is RolloutPhase.Completed or RolloutPhase.Aborted or RolloutPhase.Failed;
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>The outcome of a controller call: success, the phase reached, why, and the state at that point.</summary>
public sealed record RolloutResult(bool Succeeded, RolloutPhase? Phase, string Message, RolloutState? State)
{
    public static RolloutResult From(RolloutState state) =>
        new(state.Phase is not (RolloutPhase.Failed or RolloutPhase.Aborted), state.Phase, state.Message ?? state.Phase.ToString(), state);

    public static RolloutResult Fail(string message, RolloutState? state = null) => new(false, state?.Phase, message, state);

    /// <summary>
    /// This result as the outcome of an operator's command: an Abort that ended the rollout Aborted did
    /// what was asked (a success, exit 0), unlike a rollout that aborted itself because a check failed.
    /// </summary>
    public RolloutResult AsOutcomeOf(RolloutCommandKind command) =>
        command == RolloutCommandKind.Abort && Phase == RolloutPhase.Aborted ? this with { Succeeded = true } : this;
}

/// <summary>What <c>GetStatusAsync</c> reports: the persisted state, who holds the lock, and the router's live weights.</summary>
public sealed record RolloutStatus(
    string App, RolloutState? State, LockOwner? RunningIn, IReadOnlyDictionary<string, int> Weights, IReadOnlyList<RevisionInfo> Revisions)
{
    /// <summary>In progress but nobody runs it (e.g. the orchestrator was killed): resume or abort it.</summary>
    public bool IsOrphaned => State is { IsTerminal: false } && RunningIn is null;

    /// <summary>What could not be read (e.g. the router does not answer); the rest of the status is still valid.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

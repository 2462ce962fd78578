using ContainerCloudBuild.Rollouts.Controller;

namespace ContainerCloudBuild.Rollouts.Strategies;

/// <summary>
/// How one <see cref="RolloutStrategy"/> moves traffic from stable to candidate. The runner starts the
/// candidate behind its health gate, then calls <see cref="AdvanceAsync"/> until the state is terminal.
/// A new strategy is a new implementation registered with the controller; the shared steps stay as they are.
/// </summary>
internal interface IRolloutStrategy
{
    RolloutStrategy Strategy { get; }

    /// <summary>Moves the rollout forward from <see cref="RolloutRun.State"/> (saving as it goes); the runner calls it again until terminal.</summary>
    Task AdvanceAsync(RolloutRun run, CancellationToken cancellationToken);

    /// <summary>Acts on an Abort or Undo found waiting when the run (re)starts: traffic back to the revision that served before.</summary>
    Task<RolloutState> StopAsync(RolloutState state, RolloutCommand command, CancellationToken cancellationToken);

    /// <summary>Ends what a finished rollout left running (e.g. blue-green's kept previous revision) before a new rollout starts.</summary>
    Task<RolloutState> SettleAsync(RolloutState state, CancellationToken cancellationToken);
}

using ContainerCloudBuild.Rollouts.Strategies;

namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// Starts, resumes and drives rollouts under the per-application lock: the candidate behind its health
/// gate first, then the strategy of the saved state until the rollout is terminal.
/// </summary>
internal sealed class RolloutRunner(RolloutSteps steps, CandidateSteps candidates, IReadOnlyList<IRolloutStrategy> strategies)
{
    private readonly Dictionary<RolloutStrategy, IRolloutStrategy> _strategies = strategies.ToDictionary(s => s.Strategy);

    private IRolloutStateStore Store => steps.Ports.Store;

    /// <summary>A new rollout of <paramref name="revision"/>, refused while another one of the application is unfinished.</summary>
    public async Task<RolloutResult> StartAsync(
        string app, string revision, WorkloadSpec workload, RolloutStrategy strategy, Func<RolloutState, RolloutState> withSpec, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        RolloutNames.Validate(revision, "Revision");
        if (!_strategies.ContainsKey(strategy))
            return RolloutResult.Fail($"This controller does not run the {strategy} strategy (it runs {string.Join(", ", _strategies.Keys)}).");
        var (handle, owner) = await Store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        if (handle is null)
            return LockedResult(app, owner);
        await using (handle.ConfigureAwait(false))
        {
            var current = await Store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (current is not null)
                current = await StrategyOf(current).SettleAsync(current, cancellationToken).ConfigureAwait(false);
            if (current is { IsTerminal: false })
                return RolloutResult.Fail(
                    $"A {current.Strategy} rollout of '{app}' to '{current.Candidate?.Revision}' is unfinished (phase {current.Phase}, step {current.StepIndex}) " +
                    "and no process runs it: call ResumeAsync to continue it or AbortAsync to roll it back first.", current);
            if (current?.Stable?.Revision == revision)
                return RolloutResult.Fail($"Revision '{revision}' of '{app}' is already stable; nothing to roll out.", current);
            var now = steps.Now;
            var state = withSpec(new RolloutState
            {
                App = app,
                Strategy = strategy,
                Phase = RolloutPhase.Progressing,
                Stable = current?.Stable,
                Candidate = new RevisionInfo { Revision = revision, Image = workload.Image },
                StartedAt = now,
                UpdatedAt = now,
                Message = $"rolling out {revision}",
            });
            state = await steps.SaveAsync(state, cancellationToken).ConfigureAwait(false);
            steps.Emit(state, RolloutEventKind.Started, $"{strategy} from {current?.Stable?.Revision ?? "(none)"} to {revision} ({workload.Image})", revision);
            var pre = await steps.HookAsync(RolloutHookPoint.PreRollout, state, state.Candidate, $"starting {strategy} to {revision}", cancellationToken).ConfigureAwait(false);
            if (!pre.Allowed)
            {
                state = await steps.SaveAsync(state with { Phase = RolloutPhase.Failed, Candidate = null, Message = $"Blocked by a pre-rollout hook: {pre.Message}" }, cancellationToken)
                    .ConfigureAwait(false);
                steps.EmitEnd(state, state.Message!, revision);
                return RolloutResult.From(state);
            }
            return await RunAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Continues an unfinished rollout (e.g. after the orchestrator was killed) from its saved state.</summary>
    public async Task<RolloutResult> ResumeAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var (handle, owner) = await Store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        if (handle is null)
            return LockedResult(app, owner);
        await using (handle.ConfigureAwait(false))
        {
            var state = await Store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (state is null || state.IsTerminal)
                return RolloutResult.Fail($"No rollout of '{app}' is in progress; nothing to resume.", state);
            steps.Emit(state, RolloutEventKind.Resumed, $"resuming {state.Strategy} at phase {state.Phase}, step {state.StepIndex}, candidate weight {state.CandidateWeight}%");
            return await RunAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drives a rollout from its saved state to a terminal phase (the lock is held by the caller).</summary>
    public async Task<RolloutResult> RunAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var strategy = StrategyOf(state);
        var pending = await Store.TakeCommandsAsync(state.App, cancellationToken).ConfigureAwait(false);
        var run = new RolloutRun(state, pending, steps);
        // Abort and undo never depend on the candidate being healthy: act on them first.
        if (pending.FirstOrDefault(c => c.Kind is RolloutCommandKind.Abort or RolloutCommandKind.Undo) is { } stop)
            return RolloutResult.From(await strategy.StopAsync(state, run.Received(stop), cancellationToken).ConfigureAwait(false));
        if (state.Phase is RolloutPhase.Progressing or RolloutPhase.Paused && !await candidates.StartAsync(run, cancellationToken).ConfigureAwait(false))
            return RolloutResult.From(run.State);
        while (!run.State.IsTerminal)
            await strategy.AdvanceAsync(run, cancellationToken).ConfigureAwait(false);
        return RolloutResult.From(run.State);
    }

    private IRolloutStrategy StrategyOf(RolloutState state) => _strategies.TryGetValue(state.Strategy, out var strategy)
        ? strategy
        : throw new NotSupportedException(
            $"Rollout of '{state.App}' uses the {state.Strategy} strategy, which this controller does not run (it runs {string.Join(", ", _strategies.Keys)}).");

    private static RolloutResult LockedResult(string app, LockOwner? owner) => RolloutResult.Fail(
        owner is null
            ? $"The rollout lock of '{app}' is busy; try again."
            : $"A rollout of '{app}' is running in process {owner.ProcessId} on {owner.Host} since {owner.AcquiredAt:u}; " +
              "use Promote/Abort/Undo to steer it, or wait for it to finish.");
}

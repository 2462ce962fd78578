using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts;

/// <summary>
/// Runs blue-green and canary rollouts as resumable state machines over ports only: a workload driver,
/// a traffic router, a state store and an event sink. Every transition is saved before the next
/// side effect, so any process can report (<see cref="GetStatusAsync"/>), steer (Promote/Abort/Undo)
/// or continue (<see cref="ResumeAsync"/>) a rollout; one rollout per application runs at a time.
/// </summary>
public sealed partial class RolloutController
{
    private readonly IWorkloadDriver _driver;
    private readonly ITrafficRouter _router;
    private readonly IRolloutStateStore _store;
    private readonly IRolloutEvents _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RolloutController(
        IWorkloadDriver driver, ITrafficRouter router, IRolloutStateStore store, IRolloutEvents events, TimeProvider timeProvider, ILogger logger)
    {
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Judges canary analysis steps; without one, an analysis step aborts the rollout.</summary>
    public IAnalysisRunner? Analysis { get; init; }

    /// <summary>Hooks at PreRollout, PrePromotion, PostPromotion, OnAbort and OnComplete; none when null.</summary>
    public IRolloutHooks? Hooks { get; init; }

    public RolloutControllerOptions Options { get; init; } = new();

    public Task<RolloutResult> DeployBlueGreenAsync(BlueGreenSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return StartAsync(spec.App, spec.Revision, spec.Workload, RolloutStrategy.BlueGreen, s => s with { BlueGreen = spec }, cancellationToken);
    }

    public Task<RolloutResult> StartCanaryAsync(CanarySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return StartAsync(spec.App, spec.Revision, spec.Workload, RolloutStrategy.Canary, s => s with { Canary = spec }, cancellationToken);
    }

    /// <summary>Continues an unfinished rollout (e.g. after the orchestrator was killed) from its saved state.</summary>
    public async Task<RolloutResult> ResumeAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var (handle, owner) = await _store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        if (handle is null)
            return LockedResult(app, owner);
        await using (handle.ConfigureAwait(false))
        {
            var state = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (state is null || state.IsTerminal)
                return RolloutResult.Fail($"No rollout of '{app}' is in progress; nothing to resume.", state);
            Emit(state, "Resumed", $"resuming {state.Strategy} at phase {state.Phase}, step {state.StepIndex}, candidate weight {state.CandidateWeight}%");
            return await RunAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<RolloutStatus> GetStatusAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var state = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
        var runningIn = await _store.GetLockOwnerAsync(app, cancellationToken).ConfigureAwait(false);
        var warnings = new List<string>();
        IReadOnlyDictionary<string, int> weights = new Dictionary<string, int>();
        IReadOnlyList<RevisionInfo> revisions = [];
        try
        {
            weights = await _router.GetWeightsAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.Add($"router weights unavailable: {ex.Message}");
        }
        try
        {
            revisions = await _driver.ListAsync(app, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            warnings.Add($"running revisions unavailable: {ex.Message}");
        }
        return new RolloutStatus(app, state, runningIn, weights, revisions) { Warnings = warnings };
    }

    private async Task<RolloutResult> StartAsync(
        string app, string revision, WorkloadSpec workload, RolloutStrategy strategy, Func<RolloutState, RolloutState> withSpec,
        CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        RolloutNames.Validate(revision, "Revision");
        var (handle, owner) = await _store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        if (handle is null)
            return LockedResult(app, owner);
        await using (handle.ConfigureAwait(false))
        {
            var current = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (current is { Phase: RolloutPhase.ScaleDownPending })
                current = await FinishScaleDownAsync(current, cancellationToken).ConfigureAwait(false);
            if (current is { IsTerminal: false })
                return RolloutResult.Fail(
                    $"A {current.Strategy} rollout of '{app}' to '{current.Candidate?.Revision}' is unfinished (phase {current.Phase}, step {current.StepIndex}) " +
                    "and no process runs it: call ResumeAsync to continue it or AbortAsync to roll it back first.", current);
            if (current?.Stable?.Revision == revision)
                return RolloutResult.Fail($"Revision '{revision}' of '{app}' is already stable; nothing to roll out.", current);
            var now = _time.GetUtcNow();
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
            await SaveAsync(state, cancellationToken).ConfigureAwait(false);
            Emit(state, "Started", $"{strategy} from {current?.Stable?.Revision ?? "(none)"} to {revision} ({workload.Image})", revision);
            var pre = await HookAsync(RolloutHookPoint.PreRollout, state, state.Candidate, $"starting {strategy} to {revision}", cancellationToken).ConfigureAwait(false);
            if (!pre.Allowed)
            {
                state = await SaveAsync(state with { Phase = RolloutPhase.Failed, Candidate = null, Message = $"Blocked by a pre-rollout hook: {pre.Message}" }, cancellationToken)
                    .ConfigureAwait(false);
                Emit(state, nameof(RolloutPhase.Failed), state.Message!, revision);
                return RolloutResult.From(state);
            }
            return await RunAsync(state, cancellationToken).ConfigureAwait(false);
        }
    }

    private static RolloutResult LockedResult(string app, LockOwner? owner) => RolloutResult.Fail(
        owner is null
            ? $"The rollout lock of '{app}' is busy; try again."
            : $"A rollout of '{app}' is running in process {owner.ProcessId} on {owner.Host} since {owner.AcquiredAt:u}; " +
              "use Promote/Abort/Undo to steer it, or wait for it to finish.");
}

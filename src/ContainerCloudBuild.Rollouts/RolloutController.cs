using ContainerCloudBuild.Rollouts.Controller;
using ContainerCloudBuild.Rollouts.Strategies;

namespace ContainerCloudBuild.Rollouts;

/// <summary>
/// Runs blue-green and canary rollouts as resumable state machines over ports only: a workload driver,
/// a traffic router, a state store and an event sink. Every transition is saved before the next
/// side effect, so any process can report (<see cref="GetStatusAsync"/>), steer (Promote/Abort/Undo)
/// or continue (<see cref="ResumeAsync"/>) a rollout; one rollout per application runs at a time.
/// This is the entry point; each strategy is its own class over the shared rollout steps.
/// </summary>
public sealed class RolloutController
{
    private readonly IWorkloadDriver _driver;
    private readonly ITrafficRouter _router;
    private readonly IRolloutStateStore _store;
    private readonly IRolloutEvents _events;
    private readonly TimeProvider _time;
    private Composition? _composition;

    public RolloutController(
        IWorkloadDriver driver, ITrafficRouter router, IRolloutStateStore store, IRolloutEvents events, TimeProvider timeProvider)
    {
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Judges analysis steps; without one, an analysis step aborts the rollout.</summary>
    public IAnalysisRunner? Analysis { get; init; }

    /// <summary>Hooks at PreRollout, PrePromotion, PostPromotion, OnAbort and OnComplete; none when null.</summary>
    public IRolloutHooks? Hooks { get; init; }

    public RolloutControllerOptions Options { get; init; } = new();

    /// <summary>Shows the long waits (health gate, pauses, analysis windows, manual gates) while they last; nothing when null.</summary>
    public IWaitProgress? Progress { get; init; }

    /// <summary>The parts, built once the init-only properties are set (on first use).</summary>
    private Composition Parts => _composition ??= new Composition(new RolloutPorts(_driver, _router, _store, _events, _time, Analysis, Hooks, Progress ?? new NoWaitProgress(), Options));

    public Task<RolloutResult> DeployBlueGreenAsync(BlueGreenSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Parts.Runner.StartAsync(spec.App, spec.Revision, spec.Workload, RolloutStrategy.BlueGreen, s => s with { BlueGreen = spec }, cancellationToken);
    }

    public Task<RolloutResult> StartCanaryAsync(CanarySpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Parts.Runner.StartAsync(spec.App, spec.Revision, spec.Workload, RolloutStrategy.Canary, s => s with { Canary = spec }, cancellationToken);
    }

    /// <summary>Continues an unfinished rollout (e.g. after the orchestrator was killed) from its saved state.</summary>
    public Task<RolloutResult> ResumeAsync(string app, CancellationToken cancellationToken) => Parts.Runner.ResumeAsync(app, cancellationToken);

    /// <summary>Ends a manual gate or a pause (<paramref name="full"/> skips all remaining canary steps).</summary>
    public Task<RolloutResult> PromoteAsync(string app, bool full, CancellationToken cancellationToken) =>
        Parts.Commands.SendAsync(app, full ? RolloutCommandKind.PromoteFull : RolloutCommandKind.Promote, null, cancellationToken);

    /// <summary>All traffic back to stable and the candidate removed; works even when the candidate is broken.</summary>
    public Task<RolloutResult> AbortAsync(string app, string reason, CancellationToken cancellationToken) =>
        Parts.Commands.SendAsync(app, RolloutCommandKind.Abort, reason, cancellationToken);

    /// <summary>After a blue-green switch, while the previous revision still runs: traffic back to it at once.</summary>
    public Task<RolloutResult> UndoAsync(string app, CancellationToken cancellationToken) =>
        Parts.Commands.SendAsync(app, RolloutCommandKind.Undo, "undo requested", cancellationToken);

    /// <summary>
    /// Re-registers the saved revisions with the router and re-applies their weights, e.g. after the router
    /// process restarted and lost its run-time state. Touches no workload.
    /// </summary>
    public Task<RolloutResult> RestoreRoutingAsync(string app, CancellationToken cancellationToken) => Parts.Routing.RestoreAsync(app, cancellationToken);

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

    /// <summary>The shared steps, the strategies (one per <see cref="RolloutStrategy"/>) and what drives them.</summary>
    private sealed class Composition
    {
        public Composition(RolloutPorts ports)
        {
            var steps = new RolloutSteps(ports);
            var candidates = new CandidateSteps(steps);
            Runner = new RolloutRunner(steps, candidates, [new BlueGreenStrategy(steps, candidates), new CanaryStrategy(steps, candidates)]);
            Commands = new RolloutCommands(steps, Runner);
            Routing = new RoutingRestorer(steps);
        }

        public RolloutRunner Runner { get; }
        public RolloutCommands Commands { get; }
        public RoutingRestorer Routing { get; }
    }
}

namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    /// <summary>Drives a rollout from its saved state to a terminal phase (the lock is held by the caller).</summary>
    private async Task<RolloutResult> RunAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var pending = new Queue<RolloutCommand>(await _store.TakeCommandsAsync(state.App, cancellationToken).ConfigureAwait(false));
        // Abort and undo never depend on the candidate being healthy: act on them first.
        var stop = pending.FirstOrDefault(c => c.Kind is RolloutCommandKind.Abort or RolloutCommandKind.Undo);
        if (stop is not null)
        {
            Emit(state, "CommandReceived", $"{stop.Kind}{(stop.Reason is null ? "" : ": " + stop.Reason)}");
            state = state.Phase == RolloutPhase.ScaleDownPending
                ? await UndoSwitchAsync(state, abortReason: null, cancellationToken).ConfigureAwait(false)
                : await AbortCandidateAsync(state, stop.Reason ?? $"{stop.Kind} requested", cancellationToken).ConfigureAwait(false);
            return RolloutResult.From(state);
        }
        var context = new RunContext(state, pending);
        if (state.Phase is RolloutPhase.Progressing or RolloutPhase.Paused && !await EnsureCandidateAsync(context, cancellationToken).ConfigureAwait(false))
            return RolloutResult.From(context.State);
        while (!context.State.IsTerminal)
        {
            if (context.State.Phase == RolloutPhase.ScaleDownPending)
                await RunScaleDownAsync(context, cancellationToken).ConfigureAwait(false);
            else if (context.State.Strategy == RolloutStrategy.BlueGreen)
                await RunBlueGreenAsync(context, cancellationToken).ConfigureAwait(false);
            else
                await RunCanaryAsync(context, cancellationToken).ConfigureAwait(false);
        }
        return RolloutResult.From(context.State);
    }

    private sealed class RunContext(RolloutState state, Queue<RolloutCommand> pending)
    {
        public RolloutState State { get; set; } = state;
        public Queue<RolloutCommand> Pending { get; } = pending;
    }

    /// <summary>Starts (or finds) the candidate, gates on health and registers it with the router at its saved weight.</summary>
    private async Task<bool> EnsureCandidateAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = run.State;
        var candidate = state.Candidate ?? throw new InvalidOperationException($"Rollout state of '{state.App}' has no candidate in phase {state.Phase}.");
        var workload = state.BlueGreen?.Workload ?? state.Canary?.Workload
            ?? throw new InvalidOperationException($"Rollout state of '{state.App}' carries no spec; the state file is incomplete.");
        var started = await _driver.StartAsync(state.App, candidate.Revision, workload, cancellationToken).ConfigureAwait(false);
        state = await SaveAsync(state with { Candidate = started }, cancellationToken).ConfigureAwait(false);
        Emit(state, "CandidateStarted", $"{started.Image} at {started.Address} (digest {started.Digest ?? "unknown"})", started.Revision);
        var health = await _driver.WaitHealthyAsync(state.App, started, workload.HealthCheck, cancellationToken).ConfigureAwait(false);
        if (!health.Healthy)
        {
            var logs = health.LastLogs.Count == 0 ? "(no log lines)" : string.Join(Environment.NewLine, health.LastLogs);
            Emit(state, "HealthFailed", health.Message, started.Revision);
            run.State = await RemoveCandidateAsync(state, RolloutPhase.Failed,
                $"Revision '{started.Revision}' of '{state.App}' never became healthy: {health.Message}. Stable '{state.Stable?.Revision ?? "(none)"}' keeps serving. Last log lines:{Environment.NewLine}{logs}",
                cancellationToken).ConfigureAwait(false);
            return false;
        }
        Emit(state, "Healthy", health.Message, started.Revision);
        await _router.AddBackendAsync(state.App, started, cancellationToken).ConfigureAwait(false);
        if (state.CandidateWeight > 0)
            await ApplyWeightAsync(state, state.CandidateWeight, cancellationToken).ConfigureAwait(false);
        run.State = state;
        return true;
    }

    private Task ApplyWeightAsync(RolloutState state, int candidateWeight, CancellationToken cancellationToken)
    {
        var weights = new Dictionary<string, int> { [state.Candidate!.Revision] = candidateWeight };
        if (state.Stable is not null)
            weights[state.Stable.Revision] = 100 - candidateWeight;
        return _router.SetWeightsAsync(state.App, weights, cancellationToken);
    }

    /// <summary>All traffic back to stable, then the candidate is drained, stopped and removed.</summary>
    private async Task<RolloutState> AbortCandidateAsync(RolloutState state, string reason, CancellationToken cancellationToken)
    {
        if (state.Candidate is not null && state.Stable is not null)
        {
            await _router.SetWeightsAsync(state.App, new Dictionary<string, int>
            {
                [state.Stable.Revision] = 100,
                [state.Candidate.Revision] = 0,
            }, cancellationToken).ConfigureAwait(false);
            Emit(state, "TrafficRestored", $"100% to stable {state.Stable.Revision}", state.Stable.Revision);
        }
        var candidate = state.Candidate;
        state = await RemoveCandidateAsync(state, RolloutPhase.Aborted, $"Aborted: {reason}", cancellationToken).ConfigureAwait(false);
        await HookAsync(RolloutHookPoint.OnAbort, state, candidate, state.Message!, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private async Task<RolloutState> RemoveCandidateAsync(RolloutState state, RolloutPhase phase, string message, CancellationToken cancellationToken)
    {
        var drainTimeout = state.BlueGreen?.DrainTimeout ?? state.Canary?.DrainTimeout ?? TimeSpan.FromSeconds(10);
        if (state.Candidate is not null)
            await RetireAsync(state, state.Candidate.Revision, drainTimeout, cancellationToken).ConfigureAwait(false);
        state = await SaveAsync(state with { Phase = phase, Candidate = null, CandidateWeight = 0, PausedUntil = null, Message = message }, cancellationToken)
            .ConfigureAwait(false);
        Emit(state, phase.ToString(), message);
        return state;
    }

    /// <summary>Drain (no new requests, in-flight ones finish), then stop the container, then forget the backend.</summary>
    private async Task RetireAsync(RolloutState state, string revision, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var drain = await _router.DrainAsync(state.App, revision, drainTimeout, cancellationToken).ConfigureAwait(false);
        Emit(state, "Drained", drain.Drained
            ? $"no in-flight requests after {drain.Waited.TotalMilliseconds:0} ms"
            : $"drain timeout {drainTimeout.TotalSeconds:0.#}s passed with {drain.RemainingSessions} requests in flight", revision);
        await _driver.StopAsync(state.App, revision, cancellationToken).ConfigureAwait(false);
        Emit(state, "Stopped", "container stopped and removed", revision);
        await _router.RemoveBackendAsync(state.App, revision, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RolloutState> SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        state = state with { UpdatedAt = _time.GetUtcNow() };
        await _store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    private void Emit(RolloutState state, string kind, string message, string? revision = null) =>
        _events.Publish(new RolloutEvent(_time.GetUtcNow(), state.App, kind, message, revision));
}

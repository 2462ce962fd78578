namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>The candidate's life in any strategy: start it behind a health gate, make it stable, or abort and remove it.</summary>
internal sealed class CandidateSteps(RolloutSteps steps)
{
    private static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Starts (or finds) the candidate, gates on health and registers it with the router at its saved weight.</summary>
    public async Task<bool> StartAsync(RolloutRun run, CancellationToken cancellationToken)
    {
        var state = run.State;
        var candidate = state.Candidate ?? throw new InvalidOperationException($"Rollout state of '{state.App}' has no candidate in phase {state.Phase}.");
        var workload = state.BlueGreen?.Workload ?? state.Canary?.Workload
            ?? throw new InvalidOperationException($"Rollout state of '{state.App}' carries no spec; the state file is incomplete.");
        var driver = steps.Ports.Driver;
        RevisionInfo started;
        try
        {
            started = await driver.StartAsync(state.App, candidate.Revision, workload, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.State = await FailStartAsync(state, candidate.Revision, e, cancellationToken).ConfigureAwait(false);
            return false;
        }
        state = await steps.SaveAsync(state with { Candidate = started }, cancellationToken).ConfigureAwait(false);
        var addresses = started.AllAddresses();
        steps.Emit(state, RolloutEventKind.CandidateStarted,
            $"{started.Image} as {addresses.Count} replica(s) at {string.Join(", ", addresses)} (digest {started.Digest ?? "unknown"})", started.Revision);
        var readiness = new LatestReadiness(new ReplicaReadiness(0, addresses.Count));
        var health = await steps.ShowWaitAsync(state, $"health gate of {started.Revision} (GET {workload.HealthCheck.Path})", workload.HealthCheck.Deadline,
            ct => driver.WaitHealthyAsync(state.App, started, workload.HealthCheck, readiness, ct), cancellationToken, readiness.Text).ConfigureAwait(false);
        if (!health.Healthy)
        {
            var logs = health.LastLogs.Count == 0 ? "(no log lines)" : string.Join(Environment.NewLine, health.LastLogs);
            steps.Emit(state, RolloutEventKind.HealthFailed, health.Message, started.Revision);
            run.State = await RemoveAsync(state, RolloutPhase.Failed,
                $"Revision '{started.Revision}' of '{state.App}' never became healthy: {health.Message}. Stable '{state.Stable?.Revision ?? "(none)"}' keeps serving. Last log lines:{Environment.NewLine}{logs}",
                cancellationToken).ConfigureAwait(false);
            return false;
        }
        steps.Emit(state, RolloutEventKind.Healthy, health.Message, started.Revision);
        await steps.Ports.Router.AddBackendAsync(state.App, started, cancellationToken).ConfigureAwait(false);
        if (state.CandidateWeight > 0)
            await steps.SetCandidateWeightAsync(state, state.CandidateWeight, cancellationToken).ConfigureAwait(false);
        run.State = state;
        return true;
    }

    /// <summary>
    /// Null while the candidate runs; otherwise the sentence that says how its workload stopped (exit code, OOM kill, last log
    /// lines), also emitted as a CandidateExited event. <paramref name="includeRestarts"/> also reports a candidate that exited and
    /// runs again, which explains a failed check but is no reason to abort by itself.
    /// </summary>
    public async Task<string?> ExitReasonAsync(RolloutState state, bool includeRestarts, CancellationToken cancellationToken)
    {
        if (state.Candidate is not { } candidate)
            return null;
        var exit = await steps.Ports.Driver.GetExitAsync(state.App, candidate.Revision, cancellationToken).ConfigureAwait(false);
        if (exit is null || (exit.Running && !includeRestarts))
            return null;
        var reason = exit.Describe();
        steps.Emit(state, RolloutEventKind.CandidateExited, reason, candidate.Revision);
        return reason;
    }

    /// <summary>The reason a check failed, led by what happened to the candidate's workload when it exited or restarted.</summary>
    public async Task<string> CheckFailureReasonAsync(RolloutState state, string checkReason, CancellationToken cancellationToken) =>
        await ExitReasonAsync(state, includeRestarts: true, cancellationToken).ConfigureAwait(false) is { } exit ? $"{exit}; {checkReason}" : checkReason;

    /// <summary>Aborts the rollout when the candidate's workload is no longer running; true when it did.</summary>
    public async Task<bool> AbortIfExitedAsync(RolloutRun run, CancellationToken cancellationToken)
    {
        if (await ExitReasonAsync(run.State, includeRestarts: false, cancellationToken).ConfigureAwait(false) is not { } exit)
            return false;
        run.State = await AbortAsync(run.State, exit, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The candidate takes all traffic and becomes stable (no previous revision to keep).</summary>
    public async Task<RolloutState> MakeStableAsync(RolloutState state, string message, CancellationToken cancellationToken)
    {
        var candidate = state.Candidate!;
        await steps.SetWeightsAsync(state, new Dictionary<string, int> { [candidate.Revision] = 100 }, cancellationToken).ConfigureAwait(false);
        state = await steps.SaveAsync(state with { Phase = RolloutPhase.Completed, Stable = candidate, Candidate = null, CandidateWeight = 0, Message = message },
            cancellationToken).ConfigureAwait(false);
        steps.EmitEnd(state, $"{candidate.Revision} is stable ({message})", candidate.Revision);
        await steps.HookAsync(RolloutHookPoint.OnComplete, state, candidate, message, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>All traffic back to stable, then the candidate is drained, stopped and removed.</summary>
    public async Task<RolloutState> AbortAsync(RolloutState state, string reason, CancellationToken cancellationToken)
    {
        if (state.Candidate is not null && state.Stable is not null)
        {
            await steps.SetWeightsAsync(state, new Dictionary<string, int>
            {
                [state.Stable.Revision] = 100,
                [state.Candidate.Revision] = 0,
            }, cancellationToken).ConfigureAwait(false);
            steps.Emit(state, RolloutEventKind.TrafficRestored, $"100% to stable {state.Stable.Revision}", state.Stable.Revision, 0);
        }
        var candidate = state.Candidate;
        state = await RemoveAsync(state, RolloutPhase.Aborted, $"Aborted: {reason}", cancellationToken).ConfigureAwait(false);
        await steps.HookAsync(RolloutHookPoint.OnAbort, state, candidate, state.Message!, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>
    /// The candidate could not even be started (e.g. its image is missing): whatever replicas did start are removed, never
    /// routed, and the rollout ends Failed with the driver's reason, so the next Deploy is not refused as "unfinished".
    /// </summary>
    private async Task<RolloutState> FailStartAsync(RolloutState state, string revision, Exception error, CancellationToken cancellationToken)
    {
        await steps.Ports.Driver.StopAsync(state.App, revision, cancellationToken).ConfigureAwait(false);
        var message = $"Revision '{revision}' of '{state.App}' could not be started: {error.Message} Stable '{state.Stable?.Revision ?? "(none)"}' keeps serving.";
        state = await steps.SaveAsync(state with { Phase = RolloutPhase.Failed, Candidate = null, CandidateWeight = 0, PausedUntil = null, Message = message },
            cancellationToken).ConfigureAwait(false);
        steps.EmitEnd(state, message, revision);
        return state;
    }

    /// <summary>Retires the candidate (if any) and ends the rollout in <paramref name="phase"/> (Aborted or Failed).</summary>
    private async Task<RolloutState> RemoveAsync(RolloutState state, RolloutPhase phase, string message, CancellationToken cancellationToken)
    {
        var candidate = state.Candidate;
        if (candidate is not null)
            await steps.RetireAsync(state, candidate.Revision, DrainTimeout(state), cancellationToken).ConfigureAwait(false);
        state = await steps.SaveAsync(state with { Phase = phase, Candidate = null, CandidateWeight = 0, PausedUntil = null, Message = message }, cancellationToken)
            .ConfigureAwait(false);
        steps.EmitEnd(state, message, candidate?.Revision ?? "(none)");
        return state;
    }

    public static TimeSpan DrainTimeout(RolloutState state) => state.BlueGreen?.DrainTimeout ?? state.Canary?.DrainTimeout ?? DefaultDrainTimeout;
}


using System.Globalization;

namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// The primitives every strategy is made of, over the ports only: save the state, emit an event, end the
/// rollout, run hooks, run an analysis, set weights and retire a revision. Strategies never touch a port directly.
/// </summary>
internal sealed class RolloutSteps(RolloutPorts ports)
{
    public RolloutPorts Ports { get; } = ports;

    public DateTimeOffset Now => Ports.Time.GetUtcNow();

    /// <summary>Saves the state (stamped now) before the next side effect, so any process can continue from it.</summary>
    public async Task<RolloutState> SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        state = state with { UpdatedAt = Now };
        await Ports.Store.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <param name="candidateWeight">The traffic percent of the revision being rolled out once this event happened, when the event changed it.</param>
    /// <param name="measurement">The analysis measurement a <see cref="RolloutEventKind.Measurement"/> event reports.</param>
    public void Emit(RolloutState state, RolloutEventKind kind, string message, string? revision = null, int? candidateWeight = null, RolloutAnalysisMeasurement? measurement = null) =>
        Ports.Events.Publish(new RolloutEvent(Now, state.App, kind, message, revision) { CandidateWeight = candidateWeight, Measurement = measurement });

    /// <summary>Emits the event that ends the rollout with its typed outcome: <paramref name="revision"/> reached the state's terminal phase.</summary>
    public void EmitEnd(RolloutState state, string message, string revision)
    {
        var kind = state.Phase switch
        {
            RolloutPhase.Completed => RolloutEventKind.Completed,
            RolloutPhase.Aborted => RolloutEventKind.Aborted,
            RolloutPhase.Failed => RolloutEventKind.Failed,
            _ => throw new InvalidOperationException($"Rollout of '{state.App}' is {state.Phase}, not ended; it has no outcome yet."),
        };
        Ports.Events.Publish(new RolloutEvent(Now, state.App, kind, message, revision) { Outcome = new RolloutOutcome(state.App, revision, state.Phase) });
    }

    /// <summary>Sets the weights (percent) of the named revisions in one router call.</summary>
    public Task SetWeightsAsync(RolloutState state, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken) =>
        Ports.Router.SetWeightsAsync(state.App, weights, cancellationToken);

    /// <summary>The candidate at <paramref name="candidateWeight"/>%, the stable (if any) at the rest.</summary>
    public Task SetCandidateWeightAsync(RolloutState state, int candidateWeight, CancellationToken cancellationToken)
    {
        var weights = new Dictionary<string, int> { [state.Candidate!.Revision] = candidateWeight };
        if (state.Stable is not null)
            weights[state.Stable.Revision] = 100 - candidateWeight;
        return SetWeightsAsync(state, weights, cancellationToken);
    }

    /// <summary>Drain (no new requests, in-flight ones finish), then stop the workload, then forget the backend.</summary>
    public async Task RetireAsync(RolloutState state, string revision, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var drain = await Ports.Router.DrainAsync(state.App, revision, drainTimeout, cancellationToken).ConfigureAwait(false);
        Emit(state, RolloutEventKind.Drained, drain.Drained
            ? $"no in-flight requests after {drain.Waited.TotalMilliseconds:0} ms"
            : $"drain timeout {drainTimeout.TotalSeconds:0.#}s passed with {drain.RemainingSessions} requests in flight", revision);
        await Ports.Driver.StopAsync(state.App, revision, cancellationToken).ConfigureAwait(false);
        Emit(state, RolloutEventKind.Stopped, "all replicas stopped and removed", revision);
        await Ports.Router.RemoveBackendAsync(state.App, revision, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the hooks at <paramref name="point"/> (if any) and emits their answer as a Hook or HookBlocked event.</summary>
    public async Task<RolloutHookResult> HookAsync(
        RolloutHookPoint point, RolloutState state, RevisionInfo? candidate, string message, CancellationToken cancellationToken)
    {
        if (Ports.Hooks is null)
            return RolloutHookResult.None;
        var request = new RolloutHookRequest(point, state.App, state.Strategy, state.Stable, candidate, message);
        var result = await Ports.Hooks.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var verdict = result.Allowed ? result.Approved ? "approved" : "allowed" : "blocked";
        Emit(state, result.Allowed ? RolloutEventKind.Hook : RolloutEventKind.HookBlocked, $"{point} {verdict}: {result.Message}", candidate?.Revision);
        return result;
    }

    /// <summary>Runs <paramref name="wait"/> while reporting its progress every <see cref="RolloutControllerOptions.ProgressTick"/>.</summary>
    /// <paramref name="detail"/>, when given, says what is reached so far at each report (e.g. how many replicas are ready).
    public async Task<T> ShowWaitAsync<T>(
        RolloutState state, string what, TimeSpan? total, Func<CancellationToken, Task<T>> wait, CancellationToken cancellationToken, Func<string?>? detail = null)
    {
        using var report = Ports.Progress.Begin(state.App, what, total);
        var started = Now;
        var task = wait(cancellationToken);
        using var ticks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!task.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            await Task.WhenAny(task, Task.Delay(Ports.Options.ProgressTick, Ports.Time, ticks.Token)).ConfigureAwait(false);
            if (detail is null)
                report.Report(Now - started);
            else
                report.Report(Now - started, detail());
        }
        await ticks.CancelAsync().ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one analysis of the candidate and emits every measurement with its condition. Without a runner
    /// the verdict is Failed (an analysis that cannot run never passes).
    /// </summary>
    public async Task<RolloutAnalysisResult> AnalyseAsync(
        RolloutState state, string template, IReadOnlyDictionary<string, string>? args, CancellationToken cancellationToken)
    {
        var candidate = state.Candidate ?? throw new InvalidOperationException($"Analysis '{template}' of '{state.App}' has no candidate revision.");
        if (Ports.Analysis is null)
            return new RolloutAnalysisResult(AnalysisVerdict.Failed, $"analysis '{template}' was requested but no IAnalysisRunner is configured", []);
        var request = new AnalysisRequest(state.App, template, args ?? new Dictionary<string, string>(), state.Stable, candidate, state.CandidateWeight);
        var analysis = Ports.Analysis;
        var result = await ShowWaitAsync(state, $"analysis '{template}' of {candidate.Revision}", analysis.ExpectedDuration(request),
            ct => analysis.RunAsync(request, ct), cancellationToken).ConfigureAwait(false);
        foreach (var m in result.Measurements)
        {
            var value = m.Value?.ToString("G6", CultureInfo.InvariantCulture) ?? "no data";
            Emit(state, RolloutEventKind.Measurement, $"{m.Metric} = {value} (condition {m.Condition}): {m.Verdict}{(m.Message is null ? "" : " " + m.Message)}", candidate.Revision, measurement: m);
        }
        return result;
    }
}

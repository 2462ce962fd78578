namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    private async Task RunBlueGreenAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = run.State;
        var spec = state.BlueGreen ?? throw new InvalidOperationException($"Blue-green state of '{state.App}' has no spec.");
        var candidate = state.Candidate!;
        var stable = state.Stable;
        if (stable is null)
        {
            run.State = await MakeStableAsync(state, "first revision: 100% of traffic", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (spec.PrePromotionAnalysis is { } pre && state.Phase == RolloutPhase.Progressing)
        {
            var verdict = await AnalyseAsync(state, pre, spec.AnalysisArgs, cancellationToken).ConfigureAwait(false);
            state = state with { LastAnalysis = verdict };
            if (verdict.Verdict == AnalysisVerdict.Failed)
            {
                run.State = await AbortCandidateAsync(state, $"pre-promotion analysis '{pre}' failed: {verdict.Message}", cancellationToken).ConfigureAwait(false);
                return;
            }
            if (verdict.Verdict == AnalysisVerdict.Inconclusive)
                spec = spec with { AutoPromote = false }; // a person decides
        }
        var gate = await HookAsync(RolloutHookPoint.PrePromotion, state, candidate, $"about to switch to {candidate.Revision}", cancellationToken).ConfigureAwait(false);
        if (!gate.Allowed)
        {
            run.State = await AbortCandidateAsync(state, $"promotion blocked by a pre-promotion hook: {gate.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (gate.Approved && state.Phase == RolloutPhase.Paused)
            state = await SaveAsync(state with { Phase = RolloutPhase.Progressing, Message = "promotion approved by a hook" }, cancellationToken).ConfigureAwait(false);
        if (!spec.AutoPromote && !gate.Approved && state.Phase == RolloutPhase.Progressing)
        {
            state = await SaveAsync(state with { Phase = RolloutPhase.Paused, Message = "awaiting promotion" }, cancellationToken).ConfigureAwait(false);
            Emit(state, "AwaitingPromotion", $"healthy; preview at http://{candidate.Address}/ ; call Promote to switch or Abort to drop it", candidate.Revision);
        }
        if (state.Phase == RolloutPhase.Paused)
        {
            var command = await WaitForCommandAsync(run, until: null, cancellationToken).ConfigureAwait(false);
            if (command!.Kind is RolloutCommandKind.Abort or RolloutCommandKind.Undo)
            {
                run.State = await AbortCandidateAsync(state, command.Reason ?? "aborted before promotion", cancellationToken).ConfigureAwait(false);
                return;
            }
            Emit(state, "Promoted", "manual promotion received", candidate.Revision);
        }
        await _router.SetWeightsAsync(state.App, new Dictionary<string, int>
        {
            [candidate.Revision] = 100,
            [stable.Revision] = 0,
        }, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        state = await SaveAsync(state with
        {
            Phase = RolloutPhase.ScaleDownPending,
            Previous = stable,
            Stable = candidate,
            Candidate = null,
            CandidateWeight = 0,
            ScaleDownAt = now + spec.ScaleDownDelay,
            Message = $"switched to {candidate.Revision}; {stable.Revision} kept for undo until {now + spec.ScaleDownDelay:HH:mm:ss}",
        }, cancellationToken).ConfigureAwait(false);
        Emit(state, "Switched", $"100% to {candidate.Revision}, 0% to {state.Previous!.Revision}", candidate.Revision);
        run.State = state;
        await HookAsync(RolloutHookPoint.PostPromotion, state, candidate, state.Message!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits out the scale-down delay (undo stays instant meanwhile), then retires the previous revision.</summary>
    private async Task RunScaleDownAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.BlueGreen?.PostPromotionAnalysis is { } post && state.StepIndex == 0)
        {
            var verdict = await AnalyseAsync(state with { Candidate = state.Stable, Stable = state.Previous, CandidateWeight = 100 }, post, state.BlueGreen.AnalysisArgs, cancellationToken).ConfigureAwait(false);
            state = state with { LastAnalysis = verdict };
            if (verdict.Verdict != AnalysisVerdict.Successful)
            {
                var reason = $"post-promotion analysis '{post}' {verdict.Verdict}: {verdict.Message}";
                Emit(state, "AnalysisFailed", reason + "; undoing the switch", state.Stable?.Revision);
                run.State = await UndoSwitchAsync(state, reason, cancellationToken).ConfigureAwait(false);
                return;
            }
            Emit(state, "AnalysisPassed", verdict.Message, state.Stable?.Revision);
            state = await SaveAsync(state with { StepIndex = 1 }, cancellationToken).ConfigureAwait(false);
        }
        var command = await WaitForCommandAsync(run, state.ScaleDownAt ?? _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        run.State = command is null || command.Kind is RolloutCommandKind.Promote or RolloutCommandKind.PromoteFull
            ? await FinishScaleDownAsync(state, cancellationToken).ConfigureAwait(false)
            : await UndoSwitchAsync(state, abortReason: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RolloutState> FinishScaleDownAsync(RolloutState state, CancellationToken cancellationToken)
    {
        if (state.Previous is not null)
            await RetireAsync(state, state.Previous.Revision, state.BlueGreen?.DrainTimeout ?? TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        state = await SaveAsync(state with
        {
            Phase = RolloutPhase.Completed,
            Previous = null,
            ScaleDownAt = null,
            Message = $"{state.Stable?.Revision} is stable",
        }, cancellationToken).ConfigureAwait(false);
        Emit(state, "Completed", state.Message!, state.Stable?.Revision);
        await HookAsync(RolloutHookPoint.OnComplete, state, state.Stable, state.Message!, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>Undo after a blue-green switch: traffic back to the previous revision first, then the new one is retired.</summary>
    /// <param name="abortReason">Set when a failed check (not a user's Undo) triggered it: the rollout then ends Aborted with this reason.</param>
    private async Task<RolloutState> UndoSwitchAsync(RolloutState state, string? abortReason, CancellationToken cancellationToken)
    {
        var previous = state.Previous!;
        var undone = state.Stable!;
        await _router.SetWeightsAsync(state.App, new Dictionary<string, int>
        {
            [previous.Revision] = 100,
            [undone.Revision] = 0,
        }, cancellationToken).ConfigureAwait(false);
        Emit(state, "Undone", $"100% back to {previous.Revision}", previous.Revision);
        var undoneMessage = $"undone: {previous.Revision} serves again, {undone.Revision} removed";
        state = await SaveAsync(state with
        {
            Phase = abortReason is null ? RolloutPhase.Completed : RolloutPhase.Aborted,
            Stable = previous,
            Previous = null,
            ScaleDownAt = null,
            Message = abortReason is null ? undoneMessage : $"{abortReason}; {undoneMessage}",
        }, cancellationToken).ConfigureAwait(false);
        await RetireAsync(state, undone.Revision, state.BlueGreen?.DrainTimeout ?? TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        Emit(state, abortReason is null ? "Completed" : "Aborted", state.Message!, previous.Revision);
        return state;
    }

    /// <summary>The candidate takes all traffic and becomes stable (no previous revision to keep).</summary>
    private async Task<RolloutState> MakeStableAsync(RolloutState state, string message, CancellationToken cancellationToken)
    {
        var candidate = state.Candidate!;
        await _router.SetWeightsAsync(state.App, new Dictionary<string, int> { [candidate.Revision] = 100 }, cancellationToken).ConfigureAwait(false);
        state = await SaveAsync(state with { Phase = RolloutPhase.Completed, Stable = candidate, Candidate = null, CandidateWeight = 0, Message = message },
            cancellationToken).ConfigureAwait(false);
        Emit(state, "Completed", $"{candidate.Revision} is stable ({message})", candidate.Revision);
        await HookAsync(RolloutHookPoint.OnComplete, state, candidate, message, cancellationToken).ConfigureAwait(false);
        return state;
    }
}

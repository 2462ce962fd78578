using ContainerCloudBuild.Rollouts.Controller;

namespace ContainerCloudBuild.Rollouts.Strategies;

/// <summary>
/// Blue-green: the candidate runs beside stable without traffic (preview), optional pre-promotion analysis
/// and manual gate, one switch of 100% of traffic, then the previous revision is kept for an instant undo
/// until the scale-down time (with an optional post-promotion analysis that undoes the switch on failure).
/// </summary>
internal sealed class BlueGreenStrategy(RolloutSteps steps, CandidateSteps candidates) : IRolloutStrategy
{
    public RolloutStrategy Strategy => RolloutStrategy.BlueGreen;

    public Task AdvanceAsync(RolloutRun run, CancellationToken cancellationToken) => run.State.Phase == RolloutPhase.ScaleDownPending
        ? ScaleDownAsync(run, cancellationToken)
        : SwitchAsync(run, cancellationToken);

    public async Task<RolloutState> StopAsync(RolloutState state, RolloutCommand command, CancellationToken cancellationToken) =>
        state.Phase == RolloutPhase.ScaleDownPending
            ? await UndoSwitchAsync(state, abortReason: null, cancellationToken).ConfigureAwait(false)
            : await candidates.AbortAsync(state, command.Reason ?? $"{command.Kind} requested", cancellationToken).ConfigureAwait(false);

    public Task<RolloutState> SettleAsync(RolloutState state, CancellationToken cancellationToken) => state.Phase == RolloutPhase.ScaleDownPending
        ? FinishScaleDownAsync(state, cancellationToken)
        : Task.FromResult(state);

    private async Task SwitchAsync(RolloutRun run, CancellationToken cancellationToken)
    {
        var state = run.State;
        var spec = state.BlueGreen ?? throw new InvalidOperationException($"Blue-green state of '{state.App}' has no spec.");
        var candidate = state.Candidate!;
        var stable = state.Stable;
        if (stable is null)
        {
            run.State = await candidates.MakeStableAsync(state, "first revision: 100% of traffic", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (spec.PrePromotionAnalysis is { } pre && state.Phase == RolloutPhase.Progressing)
        {
            var verdict = await steps.AnalyseAsync(state, pre, spec.AnalysisArgs, cancellationToken).ConfigureAwait(false);
            state = state with { LastAnalysis = verdict };
            if (verdict.Verdict == AnalysisVerdict.Failed)
            {
                var reason = await candidates.CheckFailureReasonAsync(state, $"pre-promotion analysis '{pre}' failed: {verdict.Message}", cancellationToken).ConfigureAwait(false);
                run.State = await candidates.AbortAsync(state, reason, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (verdict.Verdict == AnalysisVerdict.Inconclusive)
                spec = spec with { AutoPromote = false }; // a person decides
        }
        var gate = await steps.HookAsync(RolloutHookPoint.PrePromotion, state, candidate, $"about to switch to {candidate.Revision}", cancellationToken).ConfigureAwait(false);
        if (!gate.Allowed)
        {
            run.State = await candidates.AbortAsync(state, $"promotion blocked by a pre-promotion hook: {gate.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (gate.Approved && state.Phase == RolloutPhase.Paused)
            state = await steps.SaveAsync(state with { Phase = RolloutPhase.Progressing, Message = "promotion approved by a hook" }, cancellationToken).ConfigureAwait(false);
        if (!spec.AutoPromote && !gate.Approved && state.Phase == RolloutPhase.Progressing)
        {
            state = await steps.SaveAsync(state with { Phase = RolloutPhase.Paused, Message = "awaiting promotion" }, cancellationToken).ConfigureAwait(false);
            steps.Emit(state, RolloutEventKind.AwaitingPromotion, $"healthy; preview at http://{candidate.Address}/ ; call Promote to switch or Abort to drop it", candidate.Revision);
        }
        if (state.Phase == RolloutPhase.Paused)
        {
            run.State = state;
            var command = await run.WaitForCommandAsync($"Promote or Abort of {candidate.Revision}", until: null, cancellationToken).ConfigureAwait(false);
            if (command!.Kind is RolloutCommandKind.Abort or RolloutCommandKind.Undo)
            {
                run.State = await candidates.AbortAsync(state, command.Reason ?? "aborted before promotion", cancellationToken).ConfigureAwait(false);
                return;
            }
            steps.Emit(state, RolloutEventKind.Promoted, "manual promotion received", candidate.Revision);
        }
        run.State = state;
        if (await candidates.AbortIfExitedAsync(run, cancellationToken).ConfigureAwait(false))
            return;
        await steps.SetWeightsAsync(state, new Dictionary<string, int> { [candidate.Revision] = 100, [stable.Revision] = 0 }, cancellationToken).ConfigureAwait(false);
        var scaleDownAt = steps.Now + spec.ScaleDownDelay;
        state = await steps.SaveAsync(state with
        {
            Phase = RolloutPhase.ScaleDownPending,
            Previous = stable,
            Stable = candidate,
            Candidate = null,
            CandidateWeight = 0,
            ScaleDownAt = scaleDownAt,
            Message = $"switched to {candidate.Revision}; {stable.Revision} kept for undo until {scaleDownAt:HH:mm:ss}",
        }, cancellationToken).ConfigureAwait(false);
        steps.Emit(state, RolloutEventKind.Switched, $"100% to {candidate.Revision}, 0% to {stable.Revision}", candidate.Revision, 100);
        run.State = state;
        await steps.HookAsync(RolloutHookPoint.PostPromotion, state, candidate, state.Message!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits out the scale-down delay (undo stays instant meanwhile), then retires the previous revision.</summary>
    private async Task ScaleDownAsync(RolloutRun run, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.BlueGreen?.PostPromotionAnalysis is { } post && state.StepIndex == 0)
        {
            var verdict = await steps.AnalyseAsync(state with { Candidate = state.Stable, Stable = state.Previous, CandidateWeight = 100 }, post, state.BlueGreen.AnalysisArgs, cancellationToken)
                .ConfigureAwait(false);
            state = state with { LastAnalysis = verdict };
            if (verdict.Verdict != AnalysisVerdict.Successful)
            {
                var reason = $"post-promotion analysis '{post}' {verdict.Verdict}: {verdict.Message}";
                steps.Emit(state, RolloutEventKind.AnalysisFailed, reason + "; undoing the switch", state.Stable?.Revision);
                run.State = await UndoSwitchAsync(state, reason, cancellationToken).ConfigureAwait(false);
                return;
            }
            steps.Emit(state, RolloutEventKind.AnalysisPassed, verdict.Message, state.Stable?.Revision);
            state = await steps.SaveAsync(state with { StepIndex = 1 }, cancellationToken).ConfigureAwait(false);
            run.State = state;
        }
        var command = await run.WaitForCommandAsync($"the scale-down of {state.Previous?.Revision} (Undo until then)", state.ScaleDownAt ?? steps.Now, cancellationToken).ConfigureAwait(false);
        run.State = command is null || command.Kind is RolloutCommandKind.Promote or RolloutCommandKind.PromoteFull
            ? await FinishScaleDownAsync(state, cancellationToken).ConfigureAwait(false)
            : await UndoSwitchAsync(state, abortReason: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RolloutState> FinishScaleDownAsync(RolloutState state, CancellationToken cancellationToken)
    {
        if (state.Previous is not null)
            await steps.RetireAsync(state, state.Previous.Revision, CandidateSteps.DrainTimeout(state), cancellationToken).ConfigureAwait(false);
        state = await steps.SaveAsync(state with { Phase = RolloutPhase.Completed, Previous = null, ScaleDownAt = null, Message = $"{state.Stable?.Revision} is stable" },
            cancellationToken).ConfigureAwait(false);
        steps.EmitEnd(state, state.Message!, state.Stable!.Revision);
        await steps.HookAsync(RolloutHookPoint.OnComplete, state, state.Stable, state.Message!, cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>Undo after the switch: traffic back to the previous revision first, then the new one is retired.</summary>
    /// <param name="abortReason">Set when a failed check (not a user's Undo) triggered it: the rollout then ends Aborted with this reason.</param>
    private async Task<RolloutState> UndoSwitchAsync(RolloutState state, string? abortReason, CancellationToken cancellationToken)
    {
        var previous = state.Previous!;
        var undone = state.Stable!;
        await steps.SetWeightsAsync(state, new Dictionary<string, int> { [previous.Revision] = 100, [undone.Revision] = 0 }, cancellationToken).ConfigureAwait(false);
        steps.Emit(state, RolloutEventKind.Undone, $"100% back to {previous.Revision}", previous.Revision, 0);
        var undoneMessage = $"undone: {previous.Revision} serves again, {undone.Revision} removed";
        state = await steps.SaveAsync(state with
        {
            Phase = abortReason is null ? RolloutPhase.Completed : RolloutPhase.Aborted,
            Stable = previous,
            Previous = null,
            ScaleDownAt = null,
            Message = abortReason is null ? undoneMessage : $"{abortReason}; {undoneMessage}",
        }, cancellationToken).ConfigureAwait(false);
        await steps.RetireAsync(state, undone.Revision, CandidateSteps.DrainTimeout(state), cancellationToken).ConfigureAwait(false);
        steps.EmitEnd(state, state.Message!, abortReason is null ? previous.Revision : undone.Revision);
        return state;
    }
}

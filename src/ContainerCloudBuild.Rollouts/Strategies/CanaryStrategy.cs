using ContainerCloudBuild.Rollouts.Controller;

namespace ContainerCloudBuild.Rollouts.Strategies;

/// <summary>
/// Canary: the candidate takes traffic in steps (set weight, pause, analysis); a failed analysis aborts,
/// an inconclusive one pauses until a person promotes or aborts; after the last step it takes 100% and
/// the old stable is retired. The first revision has nothing to be compared with: it takes 100% at once, without steps.
/// </summary>
internal sealed class CanaryStrategy(RolloutSteps steps, CandidateSteps candidates) : IRolloutStrategy
{
    public RolloutStrategy Strategy => RolloutStrategy.Canary;

    public async Task AdvanceAsync(RolloutRun run, CancellationToken cancellationToken)
    {
        var spec = run.State.Canary ?? throw new InvalidOperationException($"Canary state of '{run.State.App}' has no spec.");
        if (run.State.Stable is null)
        {
            run.State = await candidates.MakeStableAsync(run.State, "first revision: 100% of traffic", cancellationToken).ConfigureAwait(false);
            return;
        }
        while (run.State.StepIndex < spec.Steps.Count)
        {
            var between = run.TakePending();
            if (between is { Kind: RolloutCommandKind.Abort or RolloutCommandKind.Undo })
            {
                run.State = await candidates.AbortAsync(run.State, between.Reason ?? "abort requested", cancellationToken).ConfigureAwait(false);
                return;
            }
            if (between is { Kind: RolloutCommandKind.PromoteFull })
                break;
            if (await candidates.AbortIfExitedAsync(run, cancellationToken).ConfigureAwait(false))
                return;
            var step = spec.Steps[run.State.StepIndex];
            var proceed = step.Kind switch
            {
                CanaryStepKind.SetWeight => await SetWeightStepAsync(run, step.Weight ?? 0, cancellationToken).ConfigureAwait(false),
                CanaryStepKind.Pause => await PauseStepAsync(run, step.Duration, cancellationToken).ConfigureAwait(false),
                _ => await AnalysisStepAsync(run, step, cancellationToken).ConfigureAwait(false),
            };
            if (!proceed)
                return;
        }
        run.State = await CompleteAsync(run.State, cancellationToken).ConfigureAwait(false);
    }

    public Task<RolloutState> StopAsync(RolloutState state, RolloutCommand command, CancellationToken cancellationToken) =>
        candidates.AbortAsync(state, command.Reason ?? $"{command.Kind} requested", cancellationToken);

    public Task<RolloutState> SettleAsync(RolloutState state, CancellationToken cancellationToken) => Task.FromResult(state);

    private async Task<bool> SetWeightStepAsync(RolloutRun run, int weight, CancellationToken cancellationToken)
    {
        await steps.SetCandidateWeightAsync(run.State, weight, cancellationToken).ConfigureAwait(false);
        run.State = await steps.SaveAsync(run.State with { CandidateWeight = weight, StepIndex = run.State.StepIndex + 1, Message = $"canary at {weight}%" },
            cancellationToken).ConfigureAwait(false);
        steps.Emit(run.State, RolloutEventKind.WeightSet, $"step {run.State.StepIndex}: canary {weight}%, stable {100 - weight}%", run.State.Candidate!.Revision, weight);
        return true;
    }

    /// <summary>Pauses for a duration or until promoted; a saved pause end survives a restart.</summary>
    private async Task<bool> PauseStepAsync(RolloutRun run, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.PausedUntil is null && state.Phase != RolloutPhase.Paused)
        {
            state = await steps.SaveAsync(duration is { } d
                ? state with { PausedUntil = steps.Now + d, Message = $"paused for {d.TotalSeconds:0.###}s" }
                : state with { Phase = RolloutPhase.Paused, Message = "paused until promoted" }, cancellationToken).ConfigureAwait(false);
            steps.Emit(state, RolloutEventKind.Paused, state.Message!, state.Candidate!.Revision);
        }
        run.State = state;
        return await EndPauseAsync(run, state.PausedUntil, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> EndPauseAsync(RolloutRun run, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var at = $"canary {run.State.Candidate?.Revision} at {run.State.CandidateWeight}%";
        var command = await run.WaitForCommandAsync(until is null ? $"Promote or Abort of {at}" : $"the pause of {at}", until, cancellationToken).ConfigureAwait(false);
        if (command is { Kind: RolloutCommandKind.Abort or RolloutCommandKind.Undo })
        {
            run.State = await candidates.AbortAsync(run.State, command.Reason ?? "abort requested", cancellationToken).ConfigureAwait(false);
            return false;
        }
        var full = command is { Kind: RolloutCommandKind.PromoteFull };
        var state = run.State;
        run.State = await steps.SaveAsync(state with
        {
            Phase = RolloutPhase.Progressing,
            PausedUntil = null,
            StepIndex = full ? state.Canary!.Steps.Count : state.StepIndex + 1,
            Message = command is null ? "pause over" : $"promoted{(full ? " fully" : "")}",
        }, cancellationToken).ConfigureAwait(false);
        steps.Emit(run.State, command is null ? RolloutEventKind.PauseEnded : RolloutEventKind.Promoted, run.State.Message!, state.Candidate!.Revision);
        return true;
    }

    private async Task<bool> AnalysisStepAsync(RolloutRun run, CanaryStep step, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.Phase == RolloutPhase.Paused)
            return await EndPauseAsync(run, null, cancellationToken).ConfigureAwait(false); // inconclusive before a restart
        var result = await steps.AnalyseAsync(state, step.Template ?? "", step.Args, cancellationToken).ConfigureAwait(false);
        state = state with { LastAnalysis = result };
        var revision = state.Candidate!.Revision;
        switch (result.Verdict)
        {
            case AnalysisVerdict.Successful:
                run.State = await steps.SaveAsync(state with { StepIndex = state.StepIndex + 1, Message = $"analysis {step.Template} passed" }, cancellationToken).ConfigureAwait(false);
                steps.Emit(run.State, RolloutEventKind.AnalysisPassed, result.Message, revision);
                return true;
            case AnalysisVerdict.Failed:
                steps.Emit(state, RolloutEventKind.AnalysisFailed, result.Message, revision);
                var reason = await candidates.CheckFailureReasonAsync(state, $"analysis '{step.Template}' failed: {result.Message}", cancellationToken).ConfigureAwait(false);
                run.State = await candidates.AbortAsync(state, reason, cancellationToken).ConfigureAwait(false);
                return false;
            default:
                if (await candidates.ExitReasonAsync(state, includeRestarts: false, cancellationToken).ConfigureAwait(false) is { } exited)
                {
                    run.State = await candidates.AbortAsync(state, $"{exited}; analysis '{step.Template}' inconclusive: {result.Message}", cancellationToken).ConfigureAwait(false);
                    return false;
                }
                run.State = await steps.SaveAsync(state with { Phase = RolloutPhase.Paused, Message = $"analysis {step.Template} inconclusive: {result.Message}; promote or abort" },
                    cancellationToken).ConfigureAwait(false);
                steps.Emit(run.State, RolloutEventKind.AnalysisInconclusive, run.State.Message!, revision);
                return await EndPauseAsync(run, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>All traffic to the canary (saved first, so a restart re-applies 100%), then the old stable is retired.</summary>
    private async Task<RolloutState> CompleteAsync(RolloutState state, CancellationToken cancellationToken)
    {
        var stable = state.Stable!;
        var candidate = state.Candidate!;
        var gate = await steps.HookAsync(RolloutHookPoint.PrePromotion, state, candidate, $"promoting {candidate.Revision} to 100%", cancellationToken).ConfigureAwait(false);
        if (!gate.Allowed)
            return await candidates.AbortAsync(state, $"promotion blocked by a pre-promotion hook: {gate.Message}", cancellationToken).ConfigureAwait(false);
        state = await steps.SaveAsync(state with { CandidateWeight = 100, StepIndex = state.Canary!.Steps.Count, Message = "promoting canary to 100%" }, cancellationToken)
            .ConfigureAwait(false);
        await steps.SetCandidateWeightAsync(state, 100, cancellationToken).ConfigureAwait(false);
        steps.Emit(state, RolloutEventKind.WeightSet, "canary 100%, stable 0%", candidate.Revision, 100);
        await steps.RetireAsync(state, stable.Revision, state.Canary!.DrainTimeout, cancellationToken).ConfigureAwait(false);
        state = await steps.SaveAsync(state with { Phase = RolloutPhase.Completed, Stable = candidate, Candidate = null, CandidateWeight = 0, Message = $"{candidate.Revision} is stable" },
            cancellationToken).ConfigureAwait(false);
        steps.EmitEnd(state, state.Message!, candidate.Revision);
        await steps.HookAsync(RolloutHookPoint.PostPromotion, state, state.Stable, state.Message!, cancellationToken).ConfigureAwait(false);
        await steps.HookAsync(RolloutHookPoint.OnComplete, state, state.Stable, state.Message!, cancellationToken).ConfigureAwait(false);
        return state;
    }
}

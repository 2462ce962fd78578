namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    private async Task RunCanaryAsync(RunContext run, CancellationToken cancellationToken)
    {
        var spec = run.State.Canary ?? throw new InvalidOperationException($"Canary state of '{run.State.App}' has no spec.");
        while (run.State.StepIndex < spec.Steps.Count)
        {
            var between = TakePending(run);
            if (between is { Kind: RolloutCommandKind.Abort or RolloutCommandKind.Undo })
            {
                run.State = await AbortCandidateAsync(run.State, between.Reason ?? "abort requested", cancellationToken).ConfigureAwait(false);
                return;
            }
            if (between is { Kind: RolloutCommandKind.PromoteFull })
                break;
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
        await CompleteCanaryAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SetWeightStepAsync(RunContext run, int weight, CancellationToken cancellationToken)
    {
        await ApplyWeightAsync(run.State, weight, cancellationToken).ConfigureAwait(false);
        run.State = await SaveAsync(run.State with { CandidateWeight = weight, StepIndex = run.State.StepIndex + 1, Message = $"canary at {weight}%" },
            cancellationToken).ConfigureAwait(false);
        Emit(run.State, "WeightSet", $"step {run.State.StepIndex}: canary {weight}%, stable {100 - weight}%", run.State.Candidate!.Revision);
        return true;
    }

    /// <summary>Pauses for a duration or until promoted; a saved pause end survives a restart.</summary>
    private async Task<bool> PauseStepAsync(RunContext run, TimeSpan? duration, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.PausedUntil is null && state.Phase != RolloutPhase.Paused)
        {
            state = await SaveAsync(duration is { } d
                ? state with { PausedUntil = _time.GetUtcNow() + d, Message = $"paused for {d.TotalSeconds:0.###}s" }
                : state with { Phase = RolloutPhase.Paused, Message = "paused until promoted" }, cancellationToken).ConfigureAwait(false);
            Emit(state, "Paused", state.Message!, state.Candidate!.Revision);
        }
        run.State = state;
        return await EndPauseAsync(run, state.PausedUntil, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> EndPauseAsync(RunContext run, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var command = await WaitForCommandAsync(run, until, cancellationToken).ConfigureAwait(false);
        if (command is { Kind: RolloutCommandKind.Abort or RolloutCommandKind.Undo })
        {
            run.State = await AbortCandidateAsync(run.State, command.Reason ?? "abort requested", cancellationToken).ConfigureAwait(false);
            return false;
        }
        var full = command is { Kind: RolloutCommandKind.PromoteFull };
        var state = run.State;
        run.State = await SaveAsync(state with
        {
            Phase = RolloutPhase.Progressing,
            PausedUntil = null,
            StepIndex = full ? state.Canary!.Steps.Count : state.StepIndex + 1,
            Message = command is null ? "pause over" : $"promoted{(full ? " fully" : "")}",
        }, cancellationToken).ConfigureAwait(false);
        Emit(run.State, command is null ? "PauseEnded" : "Promoted", run.State.Message!, state.Candidate!.Revision);
        return true;
    }

    private async Task<bool> AnalysisStepAsync(RunContext run, CanaryStep step, CancellationToken cancellationToken)
    {
        var state = run.State;
        if (state.Phase == RolloutPhase.Paused)
            return await EndPauseAsync(run, null, cancellationToken).ConfigureAwait(false); // inconclusive before a restart
        var result = await AnalyseAsync(state, step.Template ?? "", step.Args, cancellationToken).ConfigureAwait(false);
        state = state with { LastAnalysis = result };
        switch (result.Verdict)
        {
            case AnalysisVerdict.Successful:
                run.State = await SaveAsync(state with { StepIndex = state.StepIndex + 1, Message = $"analysis {step.Template} passed" }, cancellationToken).ConfigureAwait(false);
                Emit(run.State, "AnalysisPassed", result.Message, state.Candidate!.Revision);
                return true;
            case AnalysisVerdict.Failed:
                Emit(state, "AnalysisFailed", result.Message, state.Candidate!.Revision);
                run.State = await AbortCandidateAsync(state, $"analysis '{step.Template}' failed: {result.Message}", cancellationToken).ConfigureAwait(false);
                return false;
            default:
                run.State = await SaveAsync(state with { Phase = RolloutPhase.Paused, Message = $"analysis {step.Template} inconclusive: {result.Message}; promote or abort" },
                    cancellationToken).ConfigureAwait(false);
                Emit(run.State, "AnalysisInconclusive", run.State.Message!, state.Candidate!.Revision);
                return await EndPauseAsync(run, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>All traffic to the canary (saved first, so a restart re-applies 100%), then the old stable is retired.</summary>
    private async Task CompleteCanaryAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = run.State;
        var stable = state.Stable;
        if (stable is null)
        {
            run.State = await MakeStableAsync(state, "first revision: 100% of traffic", cancellationToken).ConfigureAwait(false);
            return;
        }
        var gate = await HookAsync(RolloutHookPoint.PrePromotion, state, state.Candidate, $"promoting {state.Candidate!.Revision} to 100%", cancellationToken).ConfigureAwait(false);
        if (!gate.Allowed)
        {
            run.State = await AbortCandidateAsync(state, $"promotion blocked by a pre-promotion hook: {gate.Message}", cancellationToken).ConfigureAwait(false);
            return;
        }
        state = await SaveAsync(state with { CandidateWeight = 100, StepIndex = state.Canary!.Steps.Count, Message = "promoting canary to 100%" }, cancellationToken)
            .ConfigureAwait(false);
        await ApplyWeightAsync(state, 100, cancellationToken).ConfigureAwait(false);
        Emit(state, "WeightSet", "canary 100%, stable 0%", state.Candidate!.Revision);
        await RetireAsync(state, stable.Revision, state.Canary!.DrainTimeout, cancellationToken).ConfigureAwait(false);
        run.State = await SaveAsync(state with
        {
            Phase = RolloutPhase.Completed,
            Stable = state.Candidate,
            Candidate = null,
            CandidateWeight = 0,
            Message = $"{state.Candidate.Revision} is stable",
        }, cancellationToken).ConfigureAwait(false);
        Emit(run.State, "Completed", run.State.Message!, state.Candidate.Revision);
        await HookAsync(RolloutHookPoint.PostPromotion, run.State, run.State.Stable, run.State.Message!, cancellationToken).ConfigureAwait(false);
        await HookAsync(RolloutHookPoint.OnComplete, run.State, run.State.Stable, run.State.Message!, cancellationToken).ConfigureAwait(false);
    }
}

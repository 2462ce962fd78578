namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// Promote, Abort and Undo from any process: the command is posted to the store; the process that runs
/// the rollout acts on it and this one waits for the saved state to move. When no process runs the
/// rollout, this one takes the lock and runs it from its saved state with the command.
/// </summary>
internal sealed class RolloutCommands(RolloutSteps steps, RolloutRunner runner)
{
    private IRolloutStateStore Store => steps.Ports.Store;

    public async Task<RolloutResult> SendAsync(string app, RolloutCommandKind kind, string? reason, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var before = await Store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
        if (before is null || before.IsTerminal)
            return RolloutResult.Fail($"No rollout of '{app}' is in progress, so there is nothing to {kind}.", before);
        if (kind == RolloutCommandKind.Undo && before.Phase != RolloutPhase.ScaleDownPending)
            return RolloutResult.Fail(
                $"Undo of '{app}' needs a blue-green switch whose previous revision still runs; the rollout is {before.Phase}. Use Abort before a switch.", before);
        var command = new RolloutCommand(kind, steps.Now, reason);
        var (handle, _) = await Store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        await Store.PostCommandAsync(app, command, cancellationToken).ConfigureAwait(false);
        if (handle is not null)
        {
            await using (handle.ConfigureAwait(false))
            {
                var state = await Store.LoadAsync(app, cancellationToken).ConfigureAwait(false) ?? before;
                steps.Emit(state, RolloutEventKind.Resumed, $"no process runs this rollout; running it here to apply {kind}");
                return (await runner.RunAsync(state, cancellationToken).ConfigureAwait(false)).AsOutcomeOf(kind);
            }
        }
        return await WaitForAcknowledgementAsync(app, command, before, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RolloutResult> WaitForAcknowledgementAsync(string app, RolloutCommand command, RolloutState before, CancellationToken cancellationToken)
    {
        var options = steps.Ports.Options;
        var deadline = steps.Now + options.CommandAckTimeout;
        while (steps.Now < deadline)
        {
            await Task.Delay(options.CommandPollInterval / 2, steps.Ports.Time, cancellationToken).ConfigureAwait(false);
            var state = await Store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (state is not null && state.UpdatedAt >= command.At && (state.Phase != before.Phase || state.StepIndex != before.StepIndex))
                return new RolloutResult(true, state.Phase, $"{command.Kind} applied by the running process: {state.Message}", state);
        }
        return RolloutResult.Fail(
            $"{command.Kind} was posted for '{app}' but the running process did not act on it within {options.CommandAckTimeout.TotalSeconds:0}s; check it with Status.", before);
    }
}

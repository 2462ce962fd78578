namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    /// <summary>Ends a manual gate or a pause (<paramref name="full"/> skips all remaining canary steps).</summary>
    public Task<RolloutResult> PromoteAsync(string app, bool full, CancellationToken cancellationToken) =>
        SendAsync(app, full ? RolloutCommandKind.PromoteFull : RolloutCommandKind.Promote, null, cancellationToken);

    /// <summary>All traffic back to stable and the candidate removed; works even when the candidate is broken.</summary>
    public Task<RolloutResult> AbortAsync(string app, string reason, CancellationToken cancellationToken) =>
        SendAsync(app, RolloutCommandKind.Abort, reason, cancellationToken);

    /// <summary>After a blue-green switch, while the previous revision still runs: traffic back to it at once.</summary>
    public Task<RolloutResult> UndoAsync(string app, CancellationToken cancellationToken) =>
        SendAsync(app, RolloutCommandKind.Undo, "undo requested", cancellationToken);

    /// <summary>
    /// Posts the command. If a live process runs the rollout it acts on it (we wait for its state to move);
    /// otherwise this process takes the lock and runs the rollout from its saved state with the command.
    /// </summary>
    private async Task<RolloutResult> SendAsync(string app, RolloutCommandKind kind, string? reason, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var before = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
        if (before is null || before.IsTerminal)
            return RolloutResult.Fail($"No rollout of '{app}' is in progress, so there is nothing to {kind}.", before);
        if (kind == RolloutCommandKind.Undo && before.Phase != RolloutPhase.ScaleDownPending)
            return RolloutResult.Fail(
                $"Undo of '{app}' needs a blue-green switch whose previous revision still runs; the rollout is {before.Phase}. Use Abort before a switch.", before);
        var command = new RolloutCommand(kind, _time.GetUtcNow(), reason);
        var (handle, _) = await _store.TryLockAsync(app, cancellationToken).ConfigureAwait(false);
        await _store.PostCommandAsync(app, command, cancellationToken).ConfigureAwait(false);
        if (handle is not null)
        {
            await using (handle.ConfigureAwait(false))
            {
                var state = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false) ?? before;
                Emit(state, "Resumed", $"no process runs this rollout; running it here to apply {kind}");
                return (await RunAsync(state, cancellationToken).ConfigureAwait(false)).AsOutcomeOf(kind);
            }
        }
        return await WaitForAcknowledgementAsync(app, command, before, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RolloutResult> WaitForAcknowledgementAsync(string app, RolloutCommand command, RolloutState before, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + Options.CommandAckTimeout;
        while (_time.GetUtcNow() < deadline)
        {
            await Task.Delay(Options.CommandPollInterval / 2, _time, cancellationToken).ConfigureAwait(false);
            var state = await _store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
            if (state is not null && state.UpdatedAt >= command.At && (state.Phase != before.Phase || state.StepIndex != before.StepIndex))
                return new RolloutResult(true, state.Phase, $"{command.Kind} applied by the running process: {state.Message}", state);
        }
        return RolloutResult.Fail(
            $"{command.Kind} was posted for '{app}' but the running process did not act on it within {Options.CommandAckTimeout.TotalSeconds:0}s; check it with Status.", before);
    }

    private static RolloutCommand? TakePending(RunContext run) => run.Pending.Count > 0 ? run.Pending.Dequeue() : null;

    /// <summary>Waits until <paramref name="until"/> (null: forever) or a command arrives; returns the command or null on time-out.</summary>
    private async Task<RolloutCommand?> WaitForCommandAsync(RunContext run, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TakePending(run) is { } pending)
                return Received(run.State, pending);
            foreach (var command in await _store.TakeCommandsAsync(run.State.App, cancellationToken).ConfigureAwait(false))
                run.Pending.Enqueue(command);
            if (TakePending(run) is { } fresh)
                return Received(run.State, fresh);
            var now = _time.GetUtcNow();
            if (until is { } end && now >= end)
                return null;
            var wait = until is { } e && e - now < Options.CommandPollInterval ? e - now : Options.CommandPollInterval;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private RolloutCommand Received(RolloutState state, RolloutCommand command)
    {
        Emit(state, "CommandReceived", $"{command.Kind}{(command.Reason is null ? "" : ": " + command.Reason)}");
        return command;
    }
}

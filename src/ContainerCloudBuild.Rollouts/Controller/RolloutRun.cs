namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// One process driving one rollout: its current state and the commands (Promote/Abort/Undo) posted by
/// other processes that it has taken from the store but not acted on yet.
/// </summary>
internal sealed class RolloutRun(RolloutState state, IEnumerable<RolloutCommand> pending, RolloutSteps steps)
{
    private readonly Queue<RolloutCommand> _pending = new(pending);

    public RolloutState State { get; set; } = state;

    /// <summary>The oldest command taken but not acted on, or null.</summary>
    public RolloutCommand? TakePending() => _pending.Count > 0 ? _pending.Dequeue() : null;

    /// <summary>Waits until <paramref name="until"/> (null: forever) or a command arrives; returns the command or null on time-out.</summary>
    public async Task<RolloutCommand?> WaitForCommandAsync(DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var poll = steps.Ports.Options.CommandPollInterval;
        while (true)
        {
            if (TakePending() is { } pending)
                return Received(pending);
            foreach (var command in await steps.Ports.Store.TakeCommandsAsync(State.App, cancellationToken).ConfigureAwait(false))
                _pending.Enqueue(command);
            if (TakePending() is { } fresh)
                return Received(fresh);
            var now = steps.Now;
            if (until is { } end && now >= end)
                return null;
            var wait = until is { } e && e - now < poll ? e - now : poll;
            await Task.Delay(wait, steps.Ports.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Emits that the command arrived and hands it to the strategy.</summary>
    public RolloutCommand Received(RolloutCommand command)
    {
        steps.Emit(State, RolloutEventKind.CommandReceived, $"{command.Kind}{(command.Reason is null ? "" : ": " + command.Reason)}");
        return command;
    }
}

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

    /// <summary>
    /// Waits until <paramref name="until"/> (null: forever) or a command arrives, showing the wait as <paramref name="what"/>;
    /// returns the command or null on time-out. Between reads of the store it sleeps as <see cref="ICommandWait.For"/> chose
    /// from the store: until it tells that commands arrived, or every <see cref="RolloutControllerOptions.CommandPollInterval"/>.
    /// </summary>
    public async Task<RolloutCommand?> WaitForCommandAsync(string what, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var started = steps.Now;
        using var report = steps.Ports.Progress.Begin(State.App, what, until is { } u ? u > started ? u - started : TimeSpan.Zero : null);
        var wait = ICommandWait.For(steps.Ports, State.App);
        await using (wait.ConfigureAwait(false))
        {
            var read = true;
            var lastRead = started;
            while (true)
            {
                report.Report(steps.Now - started);
                if (TakePending() is { } pending)
                    return Received(pending);
                if (read)
                {
                    lastRead = steps.Now;
                    foreach (var command in await steps.Ports.Store.TakeCommandsAsync(State.App, cancellationToken).ConfigureAwait(false))
                        _pending.Enqueue(command);
                    if (TakePending() is { } fresh)
                        return Received(fresh);
                }
                var now = steps.Now;
                if (until is { } end && now >= end)
                    return null;
                var sleep = until is { } e && e - now < wait.Interval ? e - now : wait.Interval;
                read = await wait.SleepAsync(sleep, lastRead, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Emits that the command arrived and hands it to the strategy.</summary>
    public RolloutCommand Received(RolloutCommand command)
    {
        steps.Emit(State, RolloutEventKind.CommandReceived, $"{command.Kind}{(command.Reason is null ? "" : ": " + command.Reason)}");
        return command;
    }
}

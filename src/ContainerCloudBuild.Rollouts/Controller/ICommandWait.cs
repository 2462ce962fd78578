namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// How a rollout waiting for a command (<see cref="RolloutRun.WaitForCommandAsync"/>) sleeps between reads of the store,
/// chosen once a wait from what the store can do: <see cref="WatchingCommandWait"/> or <see cref="PollingCommandWait"/>.
/// </summary>
internal interface ICommandWait : IAsyncDisposable
{
    /// <summary>The longest sleep: the wait reports its progress (and sees its end) at least this often.</summary>
    TimeSpan Interval { get; }

    /// <summary>Sleeps at most <paramref name="maxWait"/>; true when the store is to be read next (it was last at <paramref name="lastRead"/>).</summary>
    Task<bool> SleepAsync(TimeSpan maxWait, DateTimeOffset lastRead, CancellationToken cancellationToken);

    /// <summary>A watch when the store tells when commands arrive (<see cref="IRolloutStateStore.WatchCommands"/>), polling otherwise.</summary>
    static ICommandWait For(RolloutPorts ports, string app) =>
        ports.Store.WatchCommands(app) is { } arrivals
            ? new WatchingCommandWait(arrivals, ports.Options, ports.Time)
            : new PollingCommandWait(ports.Options.CommandPollInterval, ports.Time);
}

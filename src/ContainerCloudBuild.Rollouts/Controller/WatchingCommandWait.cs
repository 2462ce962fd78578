namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>
/// For a store that tells when commands arrive: sleeps until it does, waking every <see cref="RolloutControllerOptions.ProgressTick"/>
/// to report progress; the store is read when commands may have arrived, and every
/// <see cref="RolloutControllerOptions.CommandResyncInterval"/> anyway in case a notification was lost. Owns the watch.
/// </summary>
internal sealed class WatchingCommandWait(ICommandArrivals arrivals, RolloutControllerOptions options, TimeProvider time) : ICommandWait
{
    public TimeSpan Interval => options.ProgressTick;

    public async Task<bool> SleepAsync(TimeSpan maxWait, DateTimeOffset lastRead, CancellationToken cancellationToken) =>
        await arrivals.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false) || time.GetUtcNow() - lastRead >= options.CommandResyncInterval;

    public ValueTask DisposeAsync() => arrivals.DisposeAsync();
}

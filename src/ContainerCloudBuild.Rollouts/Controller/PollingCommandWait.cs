namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>For a store that can only be polled: sleeps the whole interval (<see cref="RolloutControllerOptions.CommandPollInterval"/>), then the store is read.</summary>
internal sealed class PollingCommandWait(TimeSpan pollInterval, TimeProvider time) : ICommandWait
{
    public TimeSpan Interval => pollInterval;

    public async Task<bool> SleepAsync(TimeSpan maxWait, DateTimeOffset lastRead, CancellationToken cancellationToken)
    {
        await Task.Delay(maxWait, time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>
/// Tells a waiting rollout that commands may have been posted for its application (e.g. a watch on where the store keeps
/// them), so it reads them when they arrive instead of polling the store. One per wait, disposed when the wait ends.
/// </summary>
public interface ICommandArrivals : IAsyncDisposable
{
    /// <summary>
    /// True as soon as commands may have arrived since the previous call (at once when they did in between), false once
    /// <paramref name="maxWait"/> has passed without any.
    /// </summary>
    Task<bool> WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken);
}

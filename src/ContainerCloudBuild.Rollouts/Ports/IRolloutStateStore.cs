namespace ContainerCloudBuild.Rollouts;

public enum RolloutCommandKind { Promote, PromoteFull, Abort, Undo }

/// <summary>A request from another process to the process that holds the rollout lock.</summary>
public sealed record RolloutCommand(RolloutCommandKind Kind, DateTimeOffset At, string? Reason = null);

/// <summary>Who holds an application's rollout lock.</summary>
public sealed record LockOwner(int ProcessId, DateTimeOffset AcquiredAt, string Host);

/// <summary>Persists rollout state, the per-application lock and pending commands.</summary>
public interface IRolloutStateStore
{
    Task<RolloutState?> LoadAsync(string app, CancellationToken cancellationToken);

    /// <summary>Saves atomically: a reader never sees a half-written state.</summary>
    Task SaveAsync(RolloutState state, CancellationToken cancellationToken);

    /// <summary>Takes the lock, or returns null and the live owner. A lock whose owner is dead is taken over.</summary>
    Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryLockAsync(string app, CancellationToken cancellationToken);

    /// <summary>The live owner of the lock, or null when nobody (alive) holds it; never takes the lock.</summary>
    Task<LockOwner?> GetLockOwnerAsync(string app, CancellationToken cancellationToken);

    Task PostCommandAsync(string app, RolloutCommand command, CancellationToken cancellationToken);

    /// <summary>Returns pending commands in order and removes them.</summary>
    Task<IReadOnlyList<RolloutCommand>> TakeCommandsAsync(string app, CancellationToken cancellationToken);

    /// <summary>
    /// Starts telling when commands are posted for <paramref name="app"/>, for one wait of a running rollout; null (the default)
    /// when the store can only be polled, every <see cref="RolloutControllerOptions.CommandPollInterval"/>.
    /// </summary>
    ICommandArrivals? WatchCommands(string app) => null;
}

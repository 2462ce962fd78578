namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>State, lock and commands in memory; <see cref="Saved"/> keeps every saved state in order.</summary>
public sealed class InMemoryRolloutStateStore : IRolloutStateStore
{
    private readonly Dictionary<string, RolloutState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LockOwner> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<RolloutCommand>> _commands = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public List<RolloutState> Saved { get; } = [];

    public Task<RolloutState?> LoadAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_states.GetValueOrDefault(app));
    }

    public Task SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _states[state.App] = state;
            Saved.Add(state);
        }
        return Task.CompletedTask;
    }

    /// <summary>Simulates a crashed process: its state stays, its lock is gone.</summary>
    public void Put(RolloutState state)
    {
        lock (_gate) _states[state.App] = state;
    }

    public Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryLockAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_locks.TryGetValue(app, out var owner))
                return Task.FromResult<(IAsyncDisposable?, LockOwner?)>((null, owner));
            _locks[app] = new LockOwner(4242, DateTimeOffset.UnixEpoch, "test");
            return Task.FromResult<(IAsyncDisposable?, LockOwner?)>((new Release(this, app), null));
        }
    }

    public Task<LockOwner?> GetLockOwnerAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_locks.GetValueOrDefault(app));
    }

    public Task PostCommandAsync(string app, RolloutCommand command, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_commands.TryGetValue(app, out var queue))
                _commands[app] = queue = new Queue<RolloutCommand>();
            queue.Enqueue(command);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RolloutCommand>> TakeCommandsAsync(string app, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_commands.TryGetValue(app, out var queue))
                return Task.FromResult<IReadOnlyList<RolloutCommand>>([]);
            IReadOnlyList<RolloutCommand> taken = [.. queue];
            queue.Clear();
            return Task.FromResult(taken);
        }
    }

    private sealed class Release(InMemoryRolloutStateStore store, string app) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._gate) store._locks.Remove(app);
            return ValueTask.CompletedTask;
        }
    }
}

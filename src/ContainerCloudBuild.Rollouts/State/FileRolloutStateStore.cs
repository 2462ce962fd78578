namespace ContainerCloudBuild.Rollouts.State;

/// <summary>
/// State under a directory: <c>{app}.state.json</c> (atomic temp + rename), <c>{app}.lock</c> (pid and
/// time of the owner; taken over when that process is gone) and <c>{app}.commands/</c> (one file per command).
/// </summary>
public sealed class FileRolloutStateStore : IRolloutStateStore
{
    private readonly TimeProvider _time;

    public FileRolloutStateStore(string directory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _time = timeProvider;
    }

    public string Directory { get; }

    public string StatePath(string app) => System.IO.Path.Combine(Directory, app + ".state.json");

    private string LockPath(string app) => System.IO.Path.Combine(Directory, app + ".lock");

    private string CommandDirectory(string app) => System.IO.Path.Combine(Directory, app + ".commands");

    public Task<RolloutState?> LoadAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        return RolloutJson.ReadAsync<RolloutState>(StatePath(app), cancellationToken);
    }

    public Task SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RolloutNames.Validate(state.App, "Application");
        return RolloutJson.WriteAtomicAsync(StatePath(state.App), state, cancellationToken);
    }

    public Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryLockAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        return FileLock.TryAcquireAsync(LockPath(app), _time, cancellationToken);
    }

    public Task<LockOwner?> GetLockOwnerAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        return FileLock.GetLiveOwnerAsync(LockPath(app), cancellationToken);
    }

    public async Task PostCommandAsync(string app, RolloutCommand command, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var directory = CommandDirectory(app);
        System.IO.Directory.CreateDirectory(directory);
        var name = $"{command.At.UtcTicks:D20}-{Guid.NewGuid():N}.json";
        await RolloutJson.WriteAtomicAsync(System.IO.Path.Combine(directory, name), command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RolloutCommand>> TakeCommandsAsync(string app, CancellationToken cancellationToken)
    {
        var directory = CommandDirectory(app);
        if (!System.IO.Directory.Exists(directory))
            return [];
        var commands = new List<RolloutCommand>();
        foreach (var file in System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var command = await RolloutJson.ReadAsync<RolloutCommand>(file, cancellationToken).ConfigureAwait(false);
            File.Delete(file);
            if (command is not null)
                commands.Add(command);
        }
        return commands;
    }
}

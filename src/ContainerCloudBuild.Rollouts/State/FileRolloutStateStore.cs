using ContainerCloudBuild.Files;

namespace ContainerCloudBuild.Rollouts.State;

/// <summary>
/// State under a directory: <c>{app}.state.json</c> (atomic temp + rename; the state it replaces is kept as
/// <c>{app}.state.previous.json</c>, so a damaged file can be recovered), <c>{app}.lock</c> (pid and
/// time of the owner; taken over when that process is gone) and <c>{app}.commands/</c> (one file per command).
/// </summary>
public sealed class FileRolloutStateStore : IRolloutStateStore
{
    private readonly TimeProvider _time;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, FileStamp> _lastWritten = new(StringComparer.Ordinal);

    public FileRolloutStateStore(string directory, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _time = timeProvider;
    }

    public string Directory { get; }

    public string StatePath(string app) => System.IO.Path.Combine(Directory, app + ".state.json");

    public string PreviousStatePath(string app) => System.IO.Path.Combine(Directory, app + ".state.previous.json");

    private string LockPath(string app) => System.IO.Path.Combine(Directory, app + ".lock");

    private string CommandDirectory(string app) => System.IO.Path.Combine(Directory, app + ".commands");

    public async Task<RolloutState?> LoadAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        try
        {
            return await RolloutJson.ReadAsync<RolloutState>(StatePath(app), cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException ex)
        {
            var previous = File.Exists(PreviousStatePath(app)) ? PreviousStatePath(app) : null;
            throw new RolloutStateUnreadableException(app, StatePath(app), previous, ex);
        }
    }

    public async Task SaveAsync(RolloutState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        RolloutNames.Validate(state.App, "Application");
        var path = StatePath(state.App);
        if (IsAsLastWritten(state.App, path) || await IsReadableAsync(path, cancellationToken).ConfigureAwait(false))
            KeepAsPrevious(path, PreviousStatePath(state.App), cancellationToken);
        await RolloutJson.WriteAtomicAsync(path, state, cancellationToken).ConfigureAwait(false);
        _lastWritten[state.App] = FileStamp.Of(path);
    }

    /// <summary>The file is the one this store wrote last (same size and write time): readable without parsing it again.</summary>
    private bool IsAsLastWritten(string app, string path) =>
        _lastWritten.TryGetValue(app, out var stamp) && stamp == FileStamp.Of(path);

    private readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        }
    }

    /// <summary>Only a state that reads back is kept as the previous good one (a damaged file never replaces it).</summary>
    private static async Task<bool> IsReadableAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await RolloutJson.ReadAsync<RolloutState>(path, cancellationToken).ConfigureAwait(false) is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Copies atomically (<see cref="AtomicFile.Copy"/>): the previous state is whole or absent, never half-written.</summary>
    private static void KeepAsPrevious(string path, string previousPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            AtomicFile.Copy(path, previousPath);
        }
        catch (FileNotFoundException)
        {
            // the state was replaced between the check and the copy: nothing to keep
        }
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

using System.Diagnostics;

namespace ContainerCloudBuild.Rollouts.State;

/// <summary>
/// A lock file holding the owner's pid, host and time. Created with CreateNew so only one process wins;
/// a lock whose pid no longer runs (or runs a process started after the lock was taken, i.e. a reused
/// pid) is stale and taken over, so a SIGKILLed run cannot block the next one.
/// </summary>
internal sealed class FileLock : IAsyncDisposable
{
    private readonly string _path;
    private readonly LockOwner _owner;

    private FileLock(string path, LockOwner owner)
    {
        _path = path;
        _owner = owner;
    }

    public static async Task<(IAsyncDisposable? Lock, LockOwner? Owner)> TryAcquireAsync(string path, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var me = new LockOwner(Environment.ProcessId, time.GetUtcNow(), Environment.MachineName);
            try
            {
                await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
                {
                    await System.Text.Json.JsonSerializer.SerializeAsync(stream, me, RolloutJson.Options, cancellationToken).ConfigureAwait(false);
                }
                return (new FileLock(path, me), null);
            }
            catch (IOException) when (File.Exists(path))
            {
                var owner = await ReadOwnerAsync(path, cancellationToken).ConfigureAwait(false);
                if (owner is not null && IsAlive(owner))
                    return (null, owner);
                if (owner is null && attempt == 0)
                {
                    // Being written right now by another process: look again shortly.
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                TryDelete(path);
            }
        }
        return (null, await ReadOwnerAsync(path, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<LockOwner?> GetLiveOwnerAsync(string path, CancellationToken cancellationToken) =>
        await ReadOwnerAsync(path, cancellationToken).ConfigureAwait(false) is { } owner && IsAlive(owner) ? owner : null;

    private static async Task<LockOwner?> ReadOwnerAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await RolloutJson.ReadAsync<LockOwner>(path, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    internal static bool IsAlive(LockOwner owner)
    {
        if (!string.Equals(owner.Host, Environment.MachineName, StringComparison.Ordinal))
            return true; // cannot check another machine's processes: respect the lock
        try
        {
            using var process = Process.GetProcessById(owner.ProcessId);
            if (process.HasExited)
                return false;
            // A pid reused by a process that started after the lock was taken is not the owner.
            return process.StartTime.ToUniversalTime() <= owner.AcquiredAt.UtcDateTime.AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        var current = await ReadOwnerAsync(_path, CancellationToken.None).ConfigureAwait(false);
        if (current == _owner)
            TryDelete(_path);
    }
}

using ContainerCloudBuild.Files;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>
/// HAProxy's persistent backends: <c>&lt;directory&gt;/&lt;app&gt;.cfg</c>, one file per application with a server line per
/// revision and its current weight. The router rewrites an app's file after every change it makes (atomically: a
/// temp file renamed over the old one), so HAProxy started again for any reason (killed, engine restart, reboot)
/// comes back with the servers and weights it had, without anyone restoring them.
/// </summary>
public sealed class HaproxyBackendFiles(string directory)
{
    /// <summary>HAProxy's admin-state bit of a server put in maintenance from the runtime API (being removed).</summary>
    private const int ForcedMaintenance = 0x01;
    /// <summary>HAProxy's admin-state bit of a server set to drain: it keeps its weight but gets no new traffic.</summary>
    private const int ForcedDrain = 0x08;

    public string Directory { get; } = directory;

    public string PathOf(string app) => Path.Combine(Directory, app + ".cfg");

    /// <summary>Writes an empty backend for <paramref name="app"/> unless its file exists (HAProxy needs the section at start).</summary>
    public async Task EnsureExistsAsync(string app, CancellationToken cancellationToken)
    {
        if (!File.Exists(PathOf(app)))
            await WriteAsync(app, [], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the servers HAProxy has now: servers being removed are left out, a draining one gets weight 0.</summary>
    public Task WriteAsync(string app, IEnumerable<HaproxyServer> servers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var lines = servers
            .Where(s => (s.AdminState & ForcedMaintenance) == 0)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new HaproxyServerLine(s.Name, s.Address, s.Port, (s.AdminState & ForcedDrain) != 0 ? 0 : s.Weight));
        return AtomicFile.WriteAllTextAsync(PathOf(app), HaproxyConfig.Backend(app, lines), cancellationToken);
    }
}

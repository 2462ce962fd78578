using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>
/// <see cref="ITrafficRouter"/> over HAProxy's runtime API: backend = application, one server per replica of a revision
/// (<see cref="HaproxyReplicaServers"/>) added with <c>add server</c>, a revision's weight (percent) split over its servers with
/// <c>set server ... weight</c>, drain via <c>state drain</c> and the servers' current sessions (<c>show stat</c> scur).
/// With <paramref name="backendFiles"/>, every change is also written to the app's backend file, so a restarted HAProxy starts
/// with the same servers and weights.
/// </summary>
public sealed class HaproxyTrafficRouter(HaproxyRuntimeClient client, TimeProvider timeProvider, HaproxyBackendFiles? backendFiles = null) : ITrafficRouter
{
    public TimeSpan DrainPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Adds a server per replica at weight 0 (or moves an existing one to the replica's address) and removes servers of replicas the revision no longer has.</summary>
    public async Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var addresses = revision.AllAddresses();
        if (addresses.Count == 0)
            throw new ArgumentException($"Revision '{revision.Revision}' has no address to route to.", nameof(revision));
        var existing = (await RevisionServersAsync(app, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(revision.Revision, [])
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
        for (var index = 0; index < addresses.Count; index++)
        {
            var colon = addresses[index].LastIndexOf(':');
            var (host, port) = (addresses[index][..colon], addresses[index][(colon + 1)..]);
            var server = $"{app}/{HaproxyReplicaServers.ServerName(revision.Revision, index)}";
            if (existing.Remove(HaproxyReplicaServers.ServerName(revision.Revision, index), out var current))
            {
                if (current.Address != host || current.Port != port)
                    await client.CommandAsync($"set server {server} addr {host} port {port}", cancellationToken).ConfigureAwait(false);
                continue;
            }
            await client.CommandAsync($"add server {server} {host}:{port} weight 0 {HaproxyConfig.ServerCheck}", cancellationToken).ConfigureAwait(false);
            await client.CommandAsync($"enable health {server}", cancellationToken).ConfigureAwait(false);
            await client.CommandAsync($"enable server {server}", cancellationToken).ConfigureAwait(false);
        }
        foreach (var stale in existing.Keys)
            await RemoveServerAsync($"{app}/{stale}", cancellationToken).ConfigureAwait(false);
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Splits each revision's weight over its replicas' servers (<see cref="HaproxyReplicaServers.SplitWeight"/>); raises weights before
    /// lowering others, so the backend never has all weights at zero mid-change.
    /// </summary>
    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var servers = await RevisionServersAsync(app, cancellationToken).ConfigureAwait(false);
        var commands = new List<string>();
        foreach (var (revision, weight) in weights.OrderByDescending(w => w.Value))
        {
            if (!servers.TryGetValue(revision, out var replicas))
            {
                if (weight > 0)
                    throw new InvalidOperationException($"HAProxy backend '{app}' has no server of revision '{revision}' to give {weight}% of the traffic; add it first.");
                continue;
            }
            var split = HaproxyReplicaServers.SplitWeight(weight, replicas.Count);
            for (var i = 0; i < replicas.Count; i++)
            {
                if (split[i] > 0)
                    commands.Add($"set server {app}/{replicas[i].Name} state ready");
                commands.Add($"set server {app}/{replicas[i].Name} weight {split[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }
        if (commands.Count > 0)
        {
            await client.CommandAsync(string.Join(';', commands), cancellationToken).ConfigureAwait(false);
            await PersistAsync(app, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drains every replica's server of the revision and waits until none of them has a session in flight.</summary>
    public async Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var servers = (await RevisionServersAsync(app, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(revision, []);
        if (servers.Count == 0)
            return new DrainResult(true, 0, TimeSpan.Zero);
        await client.CommandAsync(string.Join(';', servers.Select(s => $"set server {app}/{s.Name} state drain")), cancellationToken).ConfigureAwait(false);
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
        var started = timeProvider.GetUtcNow();
        while (true)
        {
            var csv = await client.SendAsync("show stat", cancellationToken).ConfigureAwait(false);
            var sessions = servers.Sum(s => HaproxyServer.CurrentSessions(csv, app, s.Name));
            var waited = timeProvider.GetUtcNow() - started;
            if (sessions == 0)
                return new DrainResult(true, 0, waited);
            if (waited >= timeout)
                return new DrainResult(false, sessions, waited);
            await Task.Delay(DrainPollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken)
    {
        foreach (var server in (await RevisionServersAsync(app, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(revision, []))
            await RemoveServerAsync($"{app}/{server.Name}", cancellationToken).ConfigureAwait(false);
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Per revision, the sum of its replicas' server weights (percent).</summary>
    public async Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken)
    {
        var servers = await RevisionServersAsync(app, cancellationToken).ConfigureAwait(false);
        return servers.ToDictionary(s => s.Key, s => s.Value.Sum(r => r.Weight), StringComparer.Ordinal);
    }

    /// <summary>Servers of a backend from <c>show servers state</c>.</summary>
    public async Task<IReadOnlyDictionary<string, HaproxyServer>> ServersAsync(string app, CancellationToken cancellationToken)
    {
        var answer = await client.SendAsync($"show servers state {app}", cancellationToken).ConfigureAwait(false);
        if (answer.Contains("Can't find backend", StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"HAProxy has no backend '{app}': add the application to the HAProxy configuration (LocalStackOptions.Apps) and restart HAProxy.");
        return HaproxyServer.ParseState(answer).ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Writes the app's servers as HAProxy has them now to its backend file (nothing without backend files).</summary>
    private async Task PersistAsync(string app, CancellationToken cancellationToken)
    {
        if (backendFiles is null)
            return;
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        await backendFiles.WriteAsync(app, servers.Values, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The backend's servers grouped by revision, each group in replica order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<HaproxyServer>>> RevisionServersAsync(string app, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        return servers.Values.GroupBy(s => HaproxyReplicaServers.RevisionOf(s.Name), StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (IReadOnlyList<HaproxyServer>)[.. g.OrderBy(s => HaproxyReplicaServers.ReplicaOf(s.Name))], StringComparer.Ordinal);
    }

    private async Task RemoveServerAsync(string server, CancellationToken cancellationToken)
    {
        await client.CommandAsync($"set server {server} state maint", cancellationToken).ConfigureAwait(false);
        try
        {
            await client.CommandAsync($"del server {server}", cancellationToken).ConfigureAwait(false);
        }
        catch (HaproxyCommandException)
        {
            // Idle keep-alive connections can still pin the server: close them and retry once.
            await client.SendAsync($"shutdown sessions server {server}", cancellationToken).ConfigureAwait(false);
            await client.CommandAsync($"del server {server}", cancellationToken).ConfigureAwait(false);
        }
    }
}

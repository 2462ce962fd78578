using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

/// <summary>
/// <see cref="ITrafficRouter"/> over HAProxy's runtime API: backend = application, one server per
/// revision added with <c>add server</c>, weights via <c>set server ... weight</c> (percent), drain via
/// <c>state drain</c> and the server's current sessions (<c>show stat</c> scur). With <paramref name="backendFiles"/>, every
/// change is also written to the app's backend file, so a restarted HAProxy starts with the same servers and weights.
/// </summary>
public sealed class HaproxyTrafficRouter(HaproxyRuntimeClient client, TimeProvider timeProvider, HaproxyBackendFiles? backendFiles = null) : ITrafficRouter
{
    public TimeSpan DrainPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    public async Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var address = revision.Address ?? throw new ArgumentException($"Revision '{revision.Revision}' has no address to route to.", nameof(revision));
        var colon = address.LastIndexOf(':');
        var (host, port) = (address[..colon], address[(colon + 1)..]);
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        var server = $"{app}/{revision.Revision}";
        if (servers.TryGetValue(revision.Revision, out var existing))
        {
            if (existing.Address != host || existing.Port != port)
            {
                await client.CommandAsync($"set server {server} addr {host} port {port}", cancellationToken).ConfigureAwait(false);
                await PersistAsync(app, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        await client.CommandAsync($"add server {server} {host}:{port} weight 0 {HaproxyConfig.ServerCheck}", cancellationToken).ConfigureAwait(false);
        await client.CommandAsync($"enable health {server}", cancellationToken).ConfigureAwait(false);
        await client.CommandAsync($"enable server {server}", cancellationToken).ConfigureAwait(false);
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raises weights before lowering others, so the backend never has all weights at zero mid-change.</summary>
    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        var commands = new List<string>();
        foreach (var (revision, weight) in weights.OrderByDescending(w => w.Value))
        {
            if (!servers.ContainsKey(revision))
            {
                if (weight > 0)
                    throw new InvalidOperationException($"HAProxy backend '{app}' has no server '{revision}' to give {weight}% of the traffic; add it first.");
                continue;
            }
            if (weight > 0)
                commands.Add($"set server {app}/{revision} state ready");
            commands.Add($"set server {app}/{revision} weight {weight.ToString(CultureInfo.InvariantCulture)}");
        }
        if (commands.Count > 0)
        {
            await client.CommandAsync(string.Join(';', commands), cancellationToken).ConfigureAwait(false);
            await PersistAsync(app, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        if (!servers.ContainsKey(revision))
            return new DrainResult(true, 0, TimeSpan.Zero);
        await client.CommandAsync($"set server {app}/{revision} state drain", cancellationToken).ConfigureAwait(false);
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
        var started = timeProvider.GetUtcNow();
        while (true)
        {
            var sessions = await CurrentSessionsAsync(app, revision, cancellationToken).ConfigureAwait(false);
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
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        if (!servers.ContainsKey(revision))
            return;
        var server = $"{app}/{revision}";
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
        await PersistAsync(app, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken)
    {
        var servers = await ServersAsync(app, cancellationToken).ConfigureAwait(false);
        return servers.ToDictionary(s => s.Key, s => s.Value.Weight, StringComparer.Ordinal);
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

    private async Task<int> CurrentSessionsAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var csv = await client.SendAsync("show stat", cancellationToken).ConfigureAwait(false);
        return HaproxyServer.CurrentSessions(csv, app, revision);
    }
}

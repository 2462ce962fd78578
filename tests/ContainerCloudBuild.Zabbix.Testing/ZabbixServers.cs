using System.Diagnostics;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// A whole Zabbix 6.0 on loopback, under /tmp/cc-zabbix.lock: PostgreSQL 15 (database from the cached dump),
/// zabbix_server (trapper) and the API under <c>php -S</c>, each on a port of its own, state in a temp folder.
/// Stops in reverse order and leaves nothing running.
/// </summary>
public sealed class ZabbixServers : IAsyncDisposable
{
    public const string AdminUser = "Admin";
    public const string AdminPassword = "zabbix";

    private readonly TempDirectory state = new("ccb-zabbix");
    private ZabbixLock? held;
    private PostgresCluster? postgres;
    private ZabbixServerProcess? server;
    private ZabbixFrontendProcess? frontend;

    public ZabbixServerProcess Server => server ?? throw new InvalidOperationException("zabbix_server is not running.");

    public ZabbixFrontendProcess Frontend => frontend ?? throw new InvalidOperationException("The Zabbix API is not running.");

    public int TrapperPort => Server.TrapperPort;

    public Uri ApiUrl => Frontend.ApiUrl;

    /// <summary>From the call to a working API, and whether the database came from the cached dump.</summary>
    public TimeSpan StartTime { get; private set; }

    public bool DatabaseFromCache { get; private set; }

    public string StateDirectory => state.Path;

    public static async Task<ZabbixServers> StartAsync(CancellationToken cancellationToken)
    {
        var servers = new ZabbixServers();
        try
        {
            servers.held = await ZabbixLock.AcquireAsync(TimeSpan.FromMinutes(10), cancellationToken);
            var watch = Stopwatch.StartNew();
            servers.postgres = await PostgresCluster.StartAsync(servers.state.Combine("postgres"), cancellationToken);
            servers.DatabaseFromCache = await ZabbixDatabase.CreateAsync(servers.postgres, cancellationToken);
            servers.server = await ZabbixServerProcess.StartAsync(servers.state.Combine("server"), servers.postgres.Port, cancellationToken);
            servers.frontend = await ZabbixFrontendProcess.StartAsync(servers.state.Combine("frontend"), servers.postgres.Port, servers.server.TrapperPort, cancellationToken);
            servers.StartTime = watch.Elapsed;
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the API, then the server (it flushes to the database, so before PostgreSQL), then PostgreSQL; the state
    /// folder is deleted only when everything stopped, so a failure leaves the logs to read.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var stop in new Func<Task>?[] { frontend is null ? null : frontend.StopAsync, server is null ? null : server.StopAsync, postgres is null ? null : postgres.StopAsync })
        {
            try
            {
                if (stop is not null)
                    await stop();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
            {
                failures.Add(ex);
            }
        }
        held?.Dispose();
        if (failures.Count > 0)
            throw new AggregateException($"Zabbix fixture did not stop cleanly; its state and logs are in {state.Path}", failures);
        state.Dispose();
    }
}

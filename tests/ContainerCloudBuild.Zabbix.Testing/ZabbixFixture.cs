using Xunit;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Registration;
using ContainerCloudBuild.Zabbix.Sender;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// One real Zabbix per test assembly (<c>[assembly: AssemblyFixture(typeof(ZabbixFixture))]</c>): tests use unique
/// host names. <see cref="Require"/> skips locally with how to install the packages, and fails in CI.
/// </summary>
public sealed class ZabbixFixture : IAsyncLifetime
{
    private ZabbixServers? servers;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public SecretMasker Masker { get; } = new();

    public ZabbixServers Servers => servers ?? throw new InvalidOperationException("Zabbix is not running.");

    /// <summary>An API client logged in as Admin.</summary>
    public ZabbixApi Api => ZabbixApi.Create(Http, Servers.ApiUrl, ZabbixCredentials.User(ZabbixServers.AdminUser, ZabbixServers.AdminPassword), Masker);

    public ZabbixSender Sender => new("127.0.0.1", Servers.TrapperPort, TimeProvider.System);

    public void Require() => RequiredService.Require(servers is not null, "Zabbix 6.0 (zabbix-server-pgsql, zabbix-frontend-php, php-cli, php-pgsql, postgresql-15)", ZabbixPackages.HowToInstall);

    public async ValueTask InitializeAsync()
    {
        if (ZabbixPackages.Available)
            servers = await ZabbixServers.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (servers is not null)
            await servers.DisposeAsync();
    }

    /// <summary>A host name no other test uses.</summary>
    public static string UniqueHost(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>The trapper item every host made by <see cref="CreateHostAsync"/> has, to probe the server's configuration cache.</summary>
    public const string ReadyKey = ServerCacheProbe.Key;

    /// <summary>
    /// Creates a host in group "ccb-tests" with trapper items (and <see cref="ReadyKey"/>), then waits until the
    /// server's configuration cache has them; returns the host id.
    /// </summary>
    public async Task<string> CreateHostAsync(string name, IReadOnlyList<(string Key, ZabbixValueType Type)> items, CancellationToken cancellationToken)
    {
        var api = Api;
        var group = await api.Hosts.EnsureGroupAsync("ccb-tests", cancellationToken);
        var hostId = await api.Hosts.CreateAsync(name, [group], cancellationToken);
        foreach (var (key, type) in items.Append((ReadyKey, ZabbixValueType.Unsigned)))
            await api.Items.CreateTrapperAsync(hostId, key, key, type, "", cancellationToken);
        await WaitUntilCachedAsync(name, cancellationToken);
        return hostId;
    }

    /// <summary>
    /// Reloads the server's configuration cache (asynchronous: it only asks for one) and waits as a Deploy does
    /// (<see cref="ServerCacheProbe"/>) until the server accepts a value for the host's <see cref="ReadyKey"/> (at most 15 s).
    /// </summary>
    public async Task WaitUntilCachedAsync(string host, CancellationToken cancellationToken)
    {
        await Servers.Server.ReloadConfigCacheAsync(cancellationToken);
        if (!await new ServerCacheProbe(Sender).WaitUntilKnownAsync(host, TimeSpan.FromSeconds(15), cancellationToken))
            throw new TimeoutException($"zabbix_server did not accept {host}:{ReadyKey} within 15 s");
    }

    /// <summary>Polls history.get until an item has at least <paramref name="count"/> values since <paramref name="from"/> (at most 10 s); newest first.</summary>
    public async Task<IReadOnlyList<ZabbixHistoryValue>> WaitForHistoryAsync(ZabbixItem item, int count, DateTimeOffset from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var api = Api;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var values = await api.Items.HistoryAsync(item.ItemId, item.ValueType, from.AddSeconds(-1), null, 50, cancellationToken);
            if (values.Count >= count)
                return values;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"{item.Key} had fewer than {count} values after 10 s");
    }
}

using System.Net.Sockets;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>The JSON-RPC client against the real Zabbix 6.0 API.</summary>
public sealed class ZabbixApiClientTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Version_NoLogin_IsZabbix60()
    {
        fixture.Require();
        var version = await fixture.Api.VersionAsync(Ct);
        Assert.StartsWith("6.0.", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hosts_AdminPassword_FindsTheDisabledStockHostAndNotAnUnknownOne()
    {
        fixture.Require();
        var hosts = await fixture.Api.Hosts.GetAsync(["Zabbix server", "ccb-no-such-host"], Ct);
        var stock = Assert.Single(hosts);
        Assert.Equal("Zabbix server", stock.Name);
        Assert.False(stock.Enabled);
    }

    [Fact]
    public async Task Login_BadPassword_ThrowsWithCodeMessageAndDataButNotThePassword()
    {
        fixture.Require();
        var password = $"wrong-{Guid.NewGuid():N}";
        var masker = new SecretMasker();
        var api = ZabbixApi.Create(fixture.Http, fixture.Servers.ApiUrl, ZabbixCredentials.User("ccb-nobody", password), masker);
        var ex = await Assert.ThrowsAsync<ZabbixApiException>(() => api.Hosts.FindGroupAsync("ccb-tests", Ct));
        Assert.Equal("user.login", ex.Method);
        Assert.True(ex.Code < 0, $"a JSON-RPC error code, not {ex.Code}");
        Assert.NotEmpty(ex.ApiMessage);
        Assert.Contains("Incorrect user name or password", ex.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(password, ex.Message, StringComparison.Ordinal);
        Assert.Equal("***", masker.Apply(password));
    }

    [Fact]
    public async Task ApiToken_CreatedForAdmin_AuthenticatesCallsAndIsMasked()
    {
        fixture.Require();
        var token = await fixture.Api.CreateApiTokenAsync(ZabbixFixture.UniqueHost("ccb-token"), ZabbixServers.AdminUser, null, Ct);
        Assert.Equal("***", fixture.Masker.Apply(token));
        var withToken = ZabbixApi.Create(fixture.Http, fixture.Servers.ApiUrl, ZabbixCredentials.Token(token), new SecretMasker());
        var hosts = await withToken.Hosts.GetAsync(["Zabbix server"], Ct);
        Assert.Single(hosts);
        Assert.DoesNotContain(token, ZabbixCredentials.Token(token).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiToken_Unknown_ThrowsNotAuthorised()
    {
        fixture.Require();
        var api = ZabbixApi.Create(fixture.Http, fixture.Servers.ApiUrl, ZabbixCredentials.Token(new string('0', 64)), new SecretMasker());
        var ex = await Assert.ThrowsAsync<ZabbixApiException>(() => api.Hosts.GetAsync(["Zabbix server"], Ct));
        Assert.Equal("host.get", ex.Method);
        Assert.Contains("Not authorized", ex.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Call_InvalidParams_ThrowsCodeAndDetailNamingTheField()
    {
        fixture.Require();
        var ex = await Assert.ThrowsAsync<ZabbixApiException>(() => fixture.Api.Hosts.CreateAsync("", [], Ct));
        Assert.Equal("host.create", ex.Method);
        Assert.Equal(-32602, ex.Code);
        Assert.Contains("host", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_Cancelled_ThrowsOperationCanceled()
    {
        fixture.Require();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Api.Hosts.GetAsync(["Zabbix server"], cancelled.Token));
    }

    [Fact]
    public async Task Call_NothingListening_ThrowsHttpRequestException()
    {
        var api = ZabbixApi.Create(fixture.Http, new Uri($"http://127.0.0.1:{FreePort.Next()}/"), ZabbixCredentials.User("Admin", "zabbix"), new SecretMasker());
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => api.Hosts.GetAsync(["x"], Ct));
        Assert.IsType<SocketException>(ex.InnerException);
    }

    [Fact]
    public async Task Maintenance_CreatedForAHost_IsFoundByPrefixAndDeleted()
    {
        fixture.Require();
        var name = ZabbixFixture.UniqueHost("ccb-mnt");
        var hostId = await fixture.CreateHostAsync(name, [], Ct);
        var api = fixture.Api;
        var now = DateTimeOffset.UtcNow;
        var id = await api.Maintenances.CreateAsync(name, "test", now, now.AddMinutes(10), new ZabbixMaintenanceTarget([hostId], []), Ct);
        var found = Assert.Single(await api.Maintenances.FindAsync(name, Ct));
        Assert.Equal(id, found.MaintenanceId);
        Assert.Equal([hostId], found.HostIds);
        Assert.True(found.ActiveSince <= now && found.ActiveTill >= now.AddMinutes(10), $"{found.ActiveSince:O} - {found.ActiveTill:O} around {now:O}");
        await api.Maintenances.DeleteAsync([id], Ct);
        Assert.Empty(await api.Maintenances.FindAsync(name, Ct));
    }
}

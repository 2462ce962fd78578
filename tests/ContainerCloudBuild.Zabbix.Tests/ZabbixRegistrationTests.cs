using System.Diagnostics;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Registration;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>Auto-registration set up through the API, proven with Debian's zabbix_agentd in active-only mode.</summary>
public sealed class ZabbixRegistrationTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ensure_TwiceForATenant_CreatesGroupTemplateAndActionOnce()
    {
        fixture.Require();
        var tenant = ZabbixFixture.UniqueHost("acme");
        var registration = new ZabbixRegistration(fixture.Api, new ZabbixRegistrationOptions());
        var first = await registration.EnsureAsync(tenant, Ct);
        var second = await registration.EnsureAsync(tenant, Ct);
        Assert.Equal(first, second);
        Assert.Equal(first.GroupId, await fixture.Api.Hosts.FindGroupAsync($"ccb/{tenant}", Ct));
        var items = await fixture.Api.Items.GetAsync(first.TemplateId, ["agent.ping", "ccb.uptime"], Ct);
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task ActiveAgent_WithTenantMetadata_RegistersIntoTheTenantGroupAndReports()
    {
        fixture.Require();
        RequiredServiceForAgent();
        var tenant = ZabbixFixture.UniqueHost("tenant");
        var host = ZabbixFixture.UniqueHost("shop") + "-r2";
        var (groupId, _, _) = await new ZabbixRegistration(fixture.Api, new ZabbixRegistrationOptions()).EnsureAsync(tenant, Ct);
        var watch = Stopwatch.StartNew();
        await using var agent = await ZabbixAgentProcess.StartAsync(Path.Combine(fixture.Servers.StateDirectory, "agent-" + host), fixture.Servers.TrapperPort, host,
            ZabbixRegistrationOptions.MetadataOf(tenant) + "service=shop;revision=r2", Ct);

        var registered = await Until(async () => (await fixture.Api.Hosts.GetAsync([host], Ct)).FirstOrDefault(), "the host to be registered", agent);
        Assert.Contains(registered.HostId, (await fixture.Api.Hosts.InGroupAsync(groupId, Ct)).Select(h => h.HostId));
        var ping = await Until(async () => (await fixture.Api.Items.GetAsync(registered.HostId, ["agent.ping"], Ct)).FirstOrDefault(), "the template's items", agent);
        var first = await Until(async () => (await fixture.Api.Items.HistoryAsync(ping.ItemId, ping.ValueType, DateTimeOffset.UtcNow.AddMinutes(-5), null, 1, Ct)).FirstOrDefault(),
            "a first agent.ping value", agent);
        Assert.Equal("1", first.Value);
        TestContext.Current.TestOutputHelper?.WriteLine($"agent start to first value in Zabbix: {watch.Elapsed.TotalSeconds:0.0} s");

        await fixture.Api.Hosts.SetEnabledAsync(registered.HostId, false, Ct);
        Assert.False(Assert.Single(await fixture.Api.Hosts.GetAsync([host], Ct)).Enabled);
    }

    [Fact]
    public async Task ActiveAgent_PreRegisteredHost_ReportsAtItsFirstRequest()
    {
        fixture.Require();
        RequiredServiceForAgent();
        var tenant = ZabbixFixture.UniqueHost("tenant");
        var host = ZabbixFixture.UniqueHost("shop") + "-r3";
        var registration = new ZabbixRegistration(fixture.Api, new ZabbixRegistrationOptions());
        var hostId = await registration.PreRegisterAsync(tenant, host, Ct);
        Assert.Equal(hostId, await registration.PreRegisterAsync(tenant, host, Ct));
        await fixture.WaitUntilCachedAsync(host, Ct); // as Deploy waits before it starts the container
        var watch = Stopwatch.StartNew();
        await using var agent = await ZabbixAgentProcess.StartAsync(Path.Combine(fixture.Servers.StateDirectory, "agent-" + host), fixture.Servers.TrapperPort, host,
            ZabbixRegistrationOptions.MetadataOf(tenant) + "service=shop;revision=r3", Ct);
        var ping = Assert.Single(await fixture.Api.Items.GetAsync(hostId, ["agent.ping"], Ct));
        var first = await Until(async () => (await fixture.Api.Items.HistoryAsync(ping.ItemId, ping.ValueType, DateTimeOffset.UtcNow.AddMinutes(-5), null, 1, Ct)).FirstOrDefault(),
            "a first agent.ping value", agent);
        Assert.Equal("1", first.Value);
        TestContext.Current.TestOutputHelper?.WriteLine($"agent start to first value in Zabbix (pre-registered host): {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static void RequiredServiceForAgent() =>
        ContainerCloudBuild.Testing.RequiredService.Require(ZabbixAgentProcess.Available, "zabbix_agentd (zabbix-agent)", ZabbixPackages.HowToInstall);

    /// <summary>Polls for at most 150 s (a 6.0 agent asks for its active checks again only after RefreshActiveChecks, at least 60 s).</summary>
    private static async Task<T> Until<T>(Func<Task<T?>> probe, string what, ZabbixAgentProcess agent) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(250, Ct);
        }
        throw new TimeoutException($"Waited 150 s for {what}; agent log:\n{agent.Log}");
    }
}

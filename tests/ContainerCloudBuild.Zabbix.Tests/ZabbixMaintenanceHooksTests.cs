using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Maintenance;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>Maintenance during rollouts against the real Zabbix API.</summary>
public sealed class ZabbixMaintenanceHooksTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static RolloutHookRequest Request(RolloutHookPoint point, string app, string revision = "r2") =>
        new(point, app, RolloutStrategy.Canary, new RevisionInfo { Revision = "r1", Image = "web:r1" }, new RevisionInfo { Revision = revision, Image = "web:" + revision }, "test");

    internal static ZabbixMaintenanceHooks Hooks(ZabbixApi api, ZabbixMaintenanceOptions? options = null, IRolloutHooks? inner = null) =>
        new(new ZabbixRolloutMaintenance(api, options ?? new ZabbixMaintenanceOptions(), TimeProvider.System), inner);

    [Fact]
    public async Task Hooks_PreRolloutThenComplete_MaintenanceCoversTheServiceHostUntilTheRolloutEnds()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-mw");
        var hostId = await fixture.CreateHostAsync(app, [], Ct);
        var api = fixture.Api;
        var hooks = Hooks(api, new ZabbixMaintenanceOptions { Expiry = TimeSpan.FromMinutes(30) });

        var begin = await hooks.RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.True(begin.Allowed);
        Assert.StartsWith($"Zabbix maintenance 'ccb rollout {app} r2' for {app} until ", begin.Message, StringComparison.Ordinal);
        var maintenance = Assert.Single(await api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
        Assert.Equal([hostId], maintenance.HostIds);
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(maintenance.ActiveTill, now.AddMinutes(29), now.AddMinutes(31.1));
        Assert.True(maintenance.ActiveSince <= now);

        var end = await hooks.RunAsync(Request(RolloutHookPoint.OnComplete, app), Ct);
        Assert.True(end.Allowed);
        Assert.Equal($"Zabbix maintenance of {app} removed", end.Message);
        Assert.Empty(await api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
    }

    [Fact]
    public async Task Hooks_HostGroup_MaintenanceCoversTheGroup()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-mg");
        var api = fixture.Api;
        var groupId = await api.Hosts.EnsureGroupAsync(app + "-tenant", Ct);
        var hooks = Hooks(api, new ZabbixMaintenanceOptions { HostGroup = app + "-tenant", HostsOf = _ => [] });

        var begin = await hooks.RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.True(begin.Allowed, begin.Message);
        Assert.Equal([groupId], Assert.Single(await api.Maintenances.FindAsync($"ccb rollout {app} ", Ct)).GroupIds);
        await hooks.RunAsync(Request(RolloutHookPoint.OnAbort, app), Ct);
        Assert.Empty(await api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
    }

    [Fact]
    public async Task Hooks_UnknownHost_ReportsAndAllowsUnlessRequired()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-mu");
        var lenient = await Hooks(fixture.Api).RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.True(lenient.Allowed);
        Assert.Contains($"Zabbix has none of the hosts {app}", lenient.Message, StringComparison.Ordinal);

        var strict = await Hooks(fixture.Api, new ZabbixMaintenanceOptions { Required = true }).RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.False(strict.Allowed);
        Assert.EndsWith("it is required, so the rollout stops", strict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hooks_InnerHookRejects_NoMaintenanceIsStarted()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-mi");
        await fixture.CreateHostAsync(app, [], Ct);
        var result = await Hooks(fixture.Api, inner: new Rejecting()).RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.False(result.Allowed);
        Assert.Equal("change freeze", result.Message);
        Assert.Empty(await fixture.Api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
    }

    [Fact]
    public async Task Hooks_ExpiredLeftoverOfAnotherApp_IsRemovedByTheNextRollout()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-me");
        var other = ZabbixFixture.UniqueHost("ccb-mo");
        var hostId = await fixture.CreateHostAsync(app, [], Ct);
        var api = fixture.Api;
        var now = DateTimeOffset.UtcNow;
        var expired = await api.Maintenances.CreateAsync($"ccb rollout {other} r7", "crashed", now.AddHours(-3), now.AddHours(-1), new([hostId], []), Ct);

        var begin = await Hooks(api).RunAsync(Request(RolloutHookPoint.PreRollout, app), Ct);
        Assert.DoesNotContain(await api.Maintenances.FindAsync("ccb rollout ", Ct), m => m.MaintenanceId == expired);
        Assert.Contains("removed 1 left over by an earlier run", begin.Message, StringComparison.Ordinal);
        await Hooks(api).RunAsync(Request(RolloutHookPoint.OnComplete, app), Ct);
    }

    private sealed class Rejecting : IRolloutHooks
    {
        public Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new RolloutHookResult(false, false, "change freeze"));
    }
}

using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>Stops the shared API for a while, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(ZabbixApiRestarts), DisableParallelization = true)]
public sealed class ZabbixApiRestarts;

/// <summary>The Zabbix API goes away mid-rollout: the rollout ends anyway and the next run removes the leftover maintenance.</summary>
[Collection(nameof(ZabbixApiRestarts))]
public sealed class ZabbixGoneMidRolloutTests(ZabbixFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hooks_ApiGoneAtAbort_ReportedAndTheNextRolloutRemovesTheLeftover()
    {
        fixture.Require();
        var app = ZabbixFixture.UniqueHost("ccb-gone");
        await fixture.CreateHostAsync(app, [], Ct);
        var hooks = ZabbixMaintenanceHooksTests.Hooks(fixture.Api);
        Assert.True((await hooks.RunAsync(ZabbixMaintenanceHooksTests.Request(RolloutHookPoint.PreRollout, app, "r2"), Ct)).Allowed);
        var first = Assert.Single(await fixture.Api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));

        await fixture.Servers.Frontend.StopAsync();
        RolloutHookResult abort;
        try
        {
            abort = await hooks.RunAsync(ZabbixMaintenanceHooksTests.Request(RolloutHookPoint.OnAbort, app, "r2"), Ct);
        }
        finally
        {
            await fixture.Servers.Frontend.StartAsync(Ct);
        }
        Assert.True(abort.Allowed);
        Assert.Contains($"Zabbix maintenance of {app} not removed (", abort.Message, StringComparison.Ordinal);
        Assert.Equal(first.MaintenanceId, Assert.Single(await fixture.Api.Maintenances.FindAsync($"ccb rollout {app} ", Ct)).MaintenanceId);

        var next = await hooks.RunAsync(ZabbixMaintenanceHooksTests.Request(RolloutHookPoint.PreRollout, app, "r3"), Ct);
        Assert.Contains("removed 1 left over by an earlier run", next.Message, StringComparison.Ordinal);
        var second = Assert.Single(await fixture.Api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
        Assert.Equal($"ccb rollout {app} r3", second.Name);
        Assert.NotEqual(first.MaintenanceId, second.MaintenanceId);
        await hooks.RunAsync(ZabbixMaintenanceHooksTests.Request(RolloutHookPoint.OnComplete, app, "r3"), Ct);
        Assert.Empty(await fixture.Api.Maintenances.FindAsync($"ccb rollout {app} ", Ct));
    }
}

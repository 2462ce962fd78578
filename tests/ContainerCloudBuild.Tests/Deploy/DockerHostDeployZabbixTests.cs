using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Deploy.Zabbix;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using Docker.DotNet.Models;
using ContainerCloudBuild.Tests.Deploy.Support;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>Deploy on a Docker host with a real Zabbix 6.0 configured, through the one composition root (<see cref="DockerHostDeploy"/>).</summary>
public sealed class DockerHostDeployZabbixTests(ZabbixFixture zabbix) : IClassFixture<ZabbixFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RolloutAsync_ZabbixConfigured_MaintenanceOnlyWhileRollingEventsInHistoryCanaryRolledBackByItem()
    {
        zabbix.Require();
        var api = zabbix.Api;
        var token = await api.CreateApiTokenAsync("ccb-deploy-" + Guid.NewGuid().ToString("N")[..8], ZabbixServers.AdminUser, null, Ct);
        await using var stack = await DeployStack.StartAsync(ZabbixConnection.From(zabbix.Servers.ApiUrl, token, $"127.0.0.1:{zabbix.Servers.TrapperPort}"), Ct);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..6];
        var errorsHost = ZabbixFixture.UniqueHost("errors");
        await zabbix.CreateHostAsync(errorsHost, [("app.errors", ZabbixValueType.Float)], Ct);
        var service = await stack.ServiceAsync("zb", "canary", $"""
              canarySteps:
                - setWeight: 50
                - pauseSeconds: 2
                - analysis: zabbix
            tenant: {tenant}
            zabbix:
              enabled: true
              agent: true
              analysis:
                query: last(/{errorsHost}/app.errors)
                failureCondition: "> 1"
                intervalSeconds: 60
                count: 1
            """, Ct);
        var off = await stack.ServiceAsync("zo", "blue-green", "", Ct);
        await stack.Deploy.EnsureStackAsync([service, off], Ct);
        var offResult = await stack.Deploy.RolloutAsync(off, await stack.ImageAsync(off.Name, "off-v1", Ct), null, Ct);
        Assert.True(offResult.Succeeded, offResult.Message + "\n" + stack.Log);

        await zabbix.Sender.SendAsync([SenderValue.Number(errorsHost, "app.errors", 0)], Ct);
        var v1 = await WatchedAsync(stack, service, DeployStrategy.BlueGreen, "zb-v1");
        var v2 = await WatchedAsync(stack, service, null, "zb-v2");
        await zabbix.Sender.SendAsync([SenderValue.Number(errorsHost, "app.errors", 5)], Ct);
        var v3 = await WatchedAsync(stack, service, null, "zb-v3");

        Assert.True(v1.Result.Succeeded, v1.Result.Message + "\n" + stack.Log);
        Assert.True(v2.Result.Succeeded, v2.Result.Message + "\n" + stack.Log);
        Assert.False(v3.Result.Succeeded, v3.Result.Message + "\n" + stack.Log);
        Assert.Contains("zabbix", v3.Result.Message, StringComparison.Ordinal);
        Assert.Contains("> 1", v3.Result.Message, StringComparison.Ordinal);
        foreach (var (result, seen, revision) in new[] { v1, v2, v3 })
            Assert.Equal([$"ccb rollout {service.Name} {revision}"], seen);
        Assert.Empty(await api.Maintenances.FindAsync($"ccb rollout {service.Name} ", Ct));

        var outcomes = await HistoryAsync(service.Name, ZabbixDeployItems.Outcome, ["0", "1"]);
        Assert.Equal(["0", "0", "1"], outcomes); // v1 and v2 completed, v3 rolled back
        var verdicts = await HistoryAsync(service.Name, ZabbixDeployItems.Analysis, ["0", "1"]);
        Assert.Equal(["0", "1"], verdicts);
        var agentHosts = await api.Hosts.InGroupAsync((await api.Hosts.FindGroupAsync($"ccb/{tenant}", Ct))!, Ct);
        Assert.Equal(new[] { v1.Revision, v2.Revision, v3.Revision }.Select(r => ZabbixDeployWiring.RevisionHost(service.Name, r)).Order(),
            agentHosts.Select(h => h.Name).Order());
        Assert.Empty(await api.Hosts.GetAsync([off.Name], Ct)); // its values do not enable zabbix: nothing of it reaches Zabbix
        var serving = await stack.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={service.Name}"] = true } },
        }, Ct);
        var env = (await stack.Docker.Containers.InspectContainerAsync(serving[0].ID, Ct)).Config?.Env ?? [];
        Assert.Contains($"ZBX_SERVER_ACTIVE=127.0.0.1:{zabbix.Servers.TrapperPort}", env);
        Assert.Contains($"ZBX_TENANT={tenant}", env);
    }

    /// <summary>The values of one of the service's deploy items, oldest first, once they include every one of <paramref name="expected"/> (at most 30 s).</summary>
    private async Task<IReadOnlyList<string>> HistoryAsync(string host, string key, IReadOnlyList<string> expected)
    {
        var api = zabbix.Api;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        IReadOnlyList<string> values = [];
        while (DateTime.UtcNow < deadline)
        {
            var hostId = (await api.Hosts.GetAsync([host], Ct)).Single().HostId;
            if ((await api.Items.GetAsync(hostId, [key], Ct)).SingleOrDefault() is { } item)
            {
                values = [.. (await api.Items.HistoryAsync(item.ItemId, item.ValueType, DateTimeOffset.UtcNow.AddHours(-1), null, 100, Ct)).OrderBy(v => v.Clock).Select(v => v.Value)];
                if (expected.All(values.Contains))
                    return values;
            }
            await Task.Delay(500, Ct);
        }
        return values;
    }

    /// <summary>Rolls a new image out while polling Zabbix for the service's maintenances; returns what it saw and the new revision.</summary>
    private async Task<(RolloutResult Result, IReadOnlyList<string> Seen, string Revision)> WatchedAsync(DeployStack stack, ServiceDefinition service, DeployStrategy? strategy, string version)
    {
        var image = await stack.ImageAsync(service.Name, version, Ct);
        var api = zabbix.Api;
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var maintenance in await api.Maintenances.FindAsync($"ccb rollout {service.Name} ", stop.Token))
                {
                    lock (seen)
                        seen.Add(maintenance.Name);
                }
                await Task.Delay(100, stop.Token);
            }
        }, Ct);
        var result = await stack.Deploy.RolloutAsync(service, image, strategy, Ct);
        await stop.CancelAsync();
        try
        {
            await watcher;
        }
        catch (OperationCanceledException)
        {
        }
        var revision = (await stack.Deploy.HistoryAsync(service.Name, Ct))[^1].Revision ?? "";
        lock (seen)
            return (result, [.. seen], revision);
    }
}

using System.Globalization;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Deploy.Zabbix;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Tests.Deploy.Support;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// Deploy on a Docker host with real Zabbix, where the figure a canary is judged by comes from the new revision's own
/// Zabbix agent (the agent base image reading the app's /metrics), not from a sender.
/// </summary>
public sealed class DockerHostDeployZabbixAgentTests(ZabbixFixture zabbix, ZabbixAgentBaseImage agentBase)
    : IClassFixture<ZabbixFixture>, IClassFixture<ZabbixAgentBaseImage>
{
    private const string ErrorsKey = "ccb.metric[app_errors]";
    private const int ActiveAgentItemType = 7;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RolloutAsync_CanaryAgentReportsErrorsOverThreshold_RolledBackNamingItemAndValue()
    {
        zabbix.Require();
        agentBase.Require();
        var api = zabbix.Api;
        var token = await api.CreateApiTokenAsync("ccb-agent-" + Guid.NewGuid().ToString("N")[..8], ZabbixServers.AdminUser, null, Ct);
        await using var stack = await DeployStack.StartAsync(ZabbixConnection.From(zabbix.Servers.ApiUrl, token, $"127.0.0.1:{zabbix.Servers.TrapperPort}"), Ct);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..6];
        var service = await stack.ServiceAsync("za", "canary", $$$"""
              canarySteps:
                - setWeight: 50
                - pauseSeconds: 4
                - analysis: zabbix
            tenant: {{{tenant}}}
            zabbix:
              enabled: true
              agent: true
              metrics: [app_errors]
              metricsIntervalSeconds: 1
              analysis:
                query: max(/{{app}}-{{revision}}/{{{ErrorsKey}}})
                failureCondition: "> 1"
                intervalSeconds: 3
                count: 2
            """, Ct);
        await stack.Deploy.EnsureStackAsync([service], Ct);

        var v1 = await RollOutAsync(stack, service, "za-v1", errors: 0, DeployStrategy.BlueGreen);
        var v2 = await RollOutAsync(stack, service, "za-v2", errors: 0, null);
        var v3 = await RollOutAsync(stack, service, "za-v3", errors: 7, null);

        Assert.True(v1.Result.Succeeded, v1.Result.Message + "\n" + stack.Log);
        Assert.True(v2.Result.Succeeded, v2.Result.Message + "\n" + stack.Log);
        Assert.False(v3.Result.Succeeded, v3.Result.Message + "\n" + stack.Log);
        Assert.Equal(RolloutPhase.Aborted, v3.Result.Phase);
        var badHost = ZabbixDeployWiring.RevisionHost(service.Name, v3.Revision);
        Assert.Contains($"max(/{badHost}/{ErrorsKey})", v3.Result.Message + stack.Log, StringComparison.Ordinal);
        Assert.Contains("value 7 meets the failure condition > 1", v3.Result.Message, StringComparison.Ordinal);
        Assert.Equal(v2.Revision, (await stack.Deploy.StatusAsync(service.Name, Ct)).State?.Stable?.Revision);

        // The judged values are the agent's: the item is an active-agent item (a sender cannot feed it) holding what /metrics served.
        Assert.Equal([0d], await AgentValuesAsync(ZabbixDeployWiring.RevisionHost(service.Name, v2.Revision)));
        Assert.Equal([7d], await AgentValuesAsync(badHost));
    }

    private async Task<(RolloutResult Result, string Revision)> RollOutAsync(DeployStack stack, ServiceDefinition service, string version, int errors, DeployStrategy? strategy)
    {
        var metrics = $"# TYPE app_errors gauge\napp_errors {errors.ToString(CultureInfo.InvariantCulture)}\n";
        var image = await stack.ImageOnAsync(service.Name, version, agentBase.Image, ZabbixAgentImage.EntrypointPath, metrics, Ct);
        var result = await stack.Deploy.RolloutAsync(service, image, strategy, Ct);
        return (result, (await stack.Deploy.HistoryAsync(service.Name, Ct))[^1].Revision ?? "");
    }

    /// <summary>The distinct values of the host's <see cref="ErrorsKey"/>, after checking it is an active-agent item.</summary>
    private async Task<IReadOnlyList<double>> AgentValuesAsync(string host)
    {
        var api = zabbix.Api;
        var hostId = Assert.Single(await api.Hosts.GetAsync([host], Ct)).HostId;
        var item = Assert.Single(await api.Items.GetAsync(hostId, [ErrorsKey], Ct));
        var raw = await api.Client.CallAsync("item.get", new { output = new[] { "type" }, itemids = new[] { item.ItemId } }, Ct);
        Assert.Equal(ActiveAgentItemType, (int)ZabbixJson.Long(ZabbixJson.Items(raw).Single(), "type"));
        var history = await api.Items.HistoryAsync(item.ItemId, item.ValueType, DateTimeOffset.UtcNow.AddHours(-1), null, 1000, Ct);
        return [.. history.Select(v => double.Parse(v.Value, CultureInfo.InvariantCulture)).Distinct().Order()];
    }
}

using System.Globalization;
using ContainerCloudBuild.Tests.Deploy.Support;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Testing;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>The README's DeployBuild run as a process with <c>--zabbix-url</c> and <c>--zabbix-token</c> against the real Zabbix fixture.</summary>
[Collection(DeployRepositoryCollection.Name)]
public sealed class ZabbixDeployBuildTests(DeployRepositoryFixture repository, ZabbixFixture zabbix) : IClassFixture<ZabbixFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_ZabbixUrlAndToken_MaintenanceOnlyWhileRollingOutcomeInHistoryTokenMasked()
    {
        DeployRepositoryFixture.RequireStack();
        zabbix.Require();
        var api = zabbix.Api;
        var token = await api.CreateApiTokenAsync("ccb-build-" + Guid.NewGuid().ToString("N")[..8], ZabbixServers.AdminUser, null, Ct);
        var service = repository.WriteService("zbuild", "  strategy: blue-green");
        var v1 = await repository.ImageAsync(service, "zbuild-v1", healthy: true, Ct);
        var prefix = $"ccb rollout {service.Name} ";
        var tenant = "t" + Guid.NewGuid().ToString("N")[..6]; // a first rollout's service host does not exist yet: the maintenance covers ccb/<tenant>
        var seen = new SortedSet<string>(StringComparer.Ordinal);

        using (var deploy = await repository.StartAsync("Deploy", "--service", service.Folder, "--deploy-image", v1, "--set", "zabbix.enabled=true", "--set", "tenant=" + tenant,
                   "--zabbix-url", zabbix.Servers.ApiUrl.ToString(), "--zabbix-token", token,
                   "--zabbix-sender", "127.0.0.1:" + zabbix.Servers.TrapperPort.ToString(CultureInfo.InvariantCulture)))
        {
            while (!deploy.Process.HasExited)
            {
                foreach (var maintenance in await api.Maintenances.FindAsync(prefix, Ct))
                    seen.Add(maintenance.Name);
                await Task.Delay(100, Ct);
            }
            await deploy.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.True(deploy.Process.ExitCode == 0, deploy.Output);
            Assert.DoesNotContain(token, deploy.Output, StringComparison.Ordinal);
        }

        Assert.Single(seen);
        Assert.Empty(await api.Maintenances.FindAsync(prefix, Ct));
        var host = Assert.Single(await api.Hosts.GetAsync([service.Name], Ct));
        var outcome = Assert.Single(await api.Items.GetAsync(host.HostId, [ZabbixDeployItems.Outcome], Ct));
        var values = await zabbix.WaitForHistoryAsync(outcome, 1, DateTimeOffset.UtcNow.AddMinutes(-10), Ct);
        Assert.Equal(["0"], values.Select(v => v.Value));
    }
}

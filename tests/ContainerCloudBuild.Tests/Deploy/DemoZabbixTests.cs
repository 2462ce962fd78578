using System.Globalization;
using System.Runtime.ExceptionServices;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.Deploy.Support;
using ContainerCloudBuild.Tests.EndToEnd;
using ContainerCloudBuild.Zabbix.Api;
using ContainerCloudBuild.Zabbix.Events;
using ContainerCloudBuild.Zabbix.Testing;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// This repository's own <c>./build.sh Demo --zabbix</c> against the real Zabbix fixture, on a stack of its own (free
/// ports, temp state): the sample on the Zabbix agent base image, v1 blue-green and v2 canary.
/// </summary>
[Collection(DeployRepositoryCollection.Name)]
public sealed class DemoZabbixTests(ZabbixFixture zabbix) : IClassFixture<ZabbixFixture>
{
    private const string App = "hello-service";
    private const string Tenant = "demo";
    private static readonly TimeSpan DemoTimeout = TimeSpan.FromMinutes(25);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_Zabbix_RevisionHostsRegisteredAndReportingMaintenanceOnlyWhileRollingEventsOnServiceHost()
    {
        DeployRepositoryFixture.RequireStack();
        zabbix.Require();
        var api = zabbix.Api;
        var token = await api.CreateApiTokenAsync("ccb-demo-" + Guid.NewGuid().ToString("N")[..8], ZabbixServers.AdminUser, null, Ct);
        using var state = new TempDirectory("ccb-demo-zabbix");
        var registryPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var stack = new Dictionary<string, string>
        {
            ["STATE_DIRECTORY"] = state.Combine(".state"),
            ["REGISTRY_PORT"] = registryPort,
            ["HAPROXY_METRICS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["PROMETHEUS_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
        };
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        ExceptionDispatchInfo? failure = null;
        try
        {
            using (var demo = ShellRun.Start(RepositoryRoot.Path, new Dictionary<string, string>(stack) { ["ZABBIX_TOKEN"] = token }, "/bin/bash", "./build.sh", "Demo", "--zabbix",
                       "--zabbix-url", zabbix.Servers.ApiUrl.ToString(), "--zabbix-sender", "127.0.0.1:" + zabbix.Servers.TrapperPort.ToString(CultureInfo.InvariantCulture),
                       "--set", "rollout.routerPort=" + FreePort.Next().ToString(CultureInfo.InvariantCulture), "--canary-pause-seconds", "2"))
            {
                var deadline = DateTime.UtcNow + DemoTimeout;
                while (!demo.Process.HasExited && DateTime.UtcNow < deadline)
                {
                    foreach (var maintenance in await api.Maintenances.FindAsync($"ccb rollout {App} ", Ct))
                        seen.Add(maintenance.Name);
                    await Task.Delay(200, Ct);
                }
                await demo.WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(demo.Process.ExitCode == 0, demo.Output);
                Assert.DoesNotContain(token, demo.Output, StringComparison.Ordinal);
            }

            var revisions = seen.Select(name => name[$"ccb rollout {App} ".Length..]).ToList();
            Assert.Equal(2, revisions.Count);
            Assert.Empty(await api.Maintenances.FindAsync($"ccb rollout {App} ", Ct));
            var group = await api.Hosts.FindGroupAsync($"ccb/{Tenant}", Ct);
            Assert.NotNull(group);
            Assert.Equal(revisions.Select(r => $"{App}-{r}").Order(), (await api.Hosts.InGroupAsync(group!, Ct)).Select(h => h.Name).Order());

            foreach (var revision in revisions)
            {
                var hostId = Assert.Single(await api.Hosts.GetAsync([$"{App}-{revision}"], Ct)).HostId;
                var requests = await ValuesAsync(hostId, "ccb.metric[http_requests_total]", 1);
                Assert.True(double.Parse(requests[^1], CultureInfo.InvariantCulture) > 0, $"{App}-{revision}'s agent reports the requests its /metrics counts");
            }
            var serviceHost = Assert.Single(await api.Hosts.GetAsync([App], Ct)).HostId;
            Assert.Equal(["0", "0"], await ValuesAsync(serviceHost, ZabbixDeployItems.Outcome, 2));
            Assert.Contains(await ValuesAsync(serviceHost, ZabbixDeployItems.Event, 2), e => e.StartsWith("rollout.Completed", StringComparison.Ordinal));
        }
        catch (Exception ex)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        using var down = await ShellRun.RunAsync(RepositoryRoot.Path, stack, "/bin/bash", "./build.sh", "StackDown");
        await RemoveImagesAsync(registryPort);
        failure?.Throw();
        Assert.True(down.Process.ExitCode == 0, "StackDown: " + down.Output);
    }

    /// <summary>The item's values, oldest first, once there are at least <paramref name="count"/> (at most 60 s).</summary>
    private async Task<IReadOnlyList<string>> ValuesAsync(string hostId, string key, int count)
    {
        var api = zabbix.Api;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        IReadOnlyList<string> values = [];
        while (DateTime.UtcNow < deadline)
        {
            if ((await api.Items.GetAsync(hostId, [key], Ct)).SingleOrDefault() is { } item)
            {
                values = [.. (await api.Items.HistoryAsync(item.ItemId, item.ValueType, DateTimeOffset.UtcNow.AddHours(-1), null, 100, Ct)).OrderBy(v => v.Clock).Select(v => v.Value)];
                if (values.Count >= count)
                    return values;
            }
            await Task.Delay(500, Ct);
        }
        throw new TimeoutException($"{key} on host {hostId} had {values.Count} of {count} values after 60 s");
    }

    /// <summary>The sample and runtime images the Demo tagged for its own registry port.</summary>
    private static async Task RemoveImagesAsync(string registryPort)
    {
        using var docker = Images.DockerEngine.CreateClient();
        foreach (var image in await docker.Images.ListImagesAsync(new ImagesListParameters(), CancellationToken.None))
        {
            foreach (var tag in (image.RepoTags ?? []).Where(t => t.StartsWith($"127.0.0.1:{registryPort}/", StringComparison.Ordinal)))
            {
                try { await docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true }, CancellationToken.None); }
                catch (Docker.DotNet.DockerApiException) { }
            }
        }
    }
}

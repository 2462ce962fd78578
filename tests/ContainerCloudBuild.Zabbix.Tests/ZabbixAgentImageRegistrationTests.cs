using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Zabbix.Registration;
using ContainerCloudBuild.Zabbix.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>A container of the Zabbix agent base image registering itself through <see cref="ZabbixRegistration"/>'s action.</summary>
public sealed class ZabbixAgentImageRegistrationTests(ZabbixFixture fixture, ZabbixAgentBaseImage agentImage) : IClassFixture<ZabbixAgentBaseImage>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AgentImageContainer_AutoRegisters_ReportsItsMetricsAndIsDisabledWhenRetired()
    {
        fixture.Require();
        var docker = agentImage.Require();
        var tenant = ZabbixFixture.UniqueHost("tenant");
        var revision = Guid.NewGuid().ToString("N")[..10];
        var host = $"hello-{revision}";
        var options = new ZabbixRegistrationOptions { Items = ZabbixAgentImageItems.For(["hello_requests_total"], "5s") };
        var registration = new ZabbixRegistration(fixture.Api, options);
        var first = await registration.EnsureAsync(tenant, Ct);
        var second = await registration.EnsureAsync(tenant, Ct);
        Assert.Equal(first, second);
        Assert.Equal(4, (await fixture.Api.Items.GetAsync(first.TemplateId, [.. options.Items.Select(i => i.Key)], Ct)).Count);

        string? container = null;
        try
        {
            var watch = Stopwatch.StartNew();
            container = await StartHelloAsync(docker, tenant, revision);

            var registered = await Until(async () => (await fixture.Api.Hosts.GetAsync([host], Ct)).FirstOrDefault(), "the container's host", docker, container);
            Assert.Contains(registered.HostId, (await fixture.Api.Hosts.InGroupAsync(first.GroupId, Ct)).Select(h => h.HostId));
            var items = await Until(async () => await fixture.Api.Items.GetAsync(registered.HostId, ["ccb.metric[hello_requests_total]", "ccb.metrics.up"], Ct) is { Count: 2 } found ? found : null,
                "the template's items on the host", docker, container);
            var requests = items.Single(i => i.Key == "ccb.metric[hello_requests_total]");
            var up = items.Single(i => i.Key == "ccb.metrics.up");
            var since = DateTimeOffset.UtcNow.AddMinutes(-5);
            var requestsValue = await Until(async () => (await fixture.Api.Items.HistoryAsync(requests.ItemId, requests.ValueType, since, null, 1, Ct)).FirstOrDefault(),
                "a value of ccb.metric[hello_requests_total]", docker, container);
            var upValue = await Until(async () => (await fixture.Api.Items.HistoryAsync(up.ItemId, up.ValueType, since, null, 1, Ct)).FirstOrDefault(),
                "a value of ccb.metrics.up", docker, container);
            TestContext.Current.TestOutputHelper?.WriteLine($"container start to its first /metrics value in Zabbix (auto-registered): {watch.Elapsed.TotalSeconds:0.0} s");
            Assert.Equal(42d, double.Parse(requestsValue.Value, CultureInfo.InvariantCulture));
            Assert.Equal("1", upValue.Value);

            var retirement = new ZabbixHostRetirement(fixture.Api);
            Assert.True(await retirement.DisableAsync(host, Ct));
            Assert.False(await retirement.DisableAsync(host, Ct));
            Assert.False(Assert.Single(await fixture.Api.Hosts.GetAsync([host], Ct)).Enabled);
            Assert.NotEmpty(await fixture.Api.Items.HistoryAsync(requests.ItemId, requests.ValueType, since, null, 10, Ct));
            Assert.False(await retirement.DisableAsync(ZabbixFixture.UniqueHost("never-registered"), Ct));
        }
        finally
        {
            if (container is not null)
                await docker.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task AgentImageContainer_PreRegisteredHost_ReportsWithinSecondsOfDockerRun()
    {
        fixture.Require();
        var docker = agentImage.Require();
        var tenant = ZabbixFixture.UniqueHost("tenant");
        var revision = Guid.NewGuid().ToString("N")[..10];
        var registration = new ZabbixRegistration(fixture.Api, new ZabbixRegistrationOptions { Items = ZabbixAgentImageItems.For(["hello_requests_total"], "1s") });
        var hostId = await registration.PreRegisterAsync(tenant, $"hello-{revision}", Ct);
        await fixture.WaitUntilCachedAsync($"hello-{revision}", Ct); // as Deploy waits before it starts the container
        var requests = Assert.Single(await fixture.Api.Items.GetAsync(hostId, ["ccb.metric[hello_requests_total]"], Ct));
        string? container = null;
        try
        {
            var watch = Stopwatch.StartNew();
            container = await StartHelloAsync(docker, tenant, revision);
            var since = DateTimeOffset.UtcNow.AddMinutes(-1);
            var first = await Until(async () => (await fixture.Api.Items.HistoryAsync(requests.ItemId, requests.ValueType, since, null, 1, Ct)).FirstOrDefault(),
                "a value of ccb.metric[hello_requests_total]", docker, container);
            var elapsed = watch.Elapsed;
            TestContext.Current.TestOutputHelper?.WriteLine($"docker run to first /metrics value in Zabbix (pre-registered host): {elapsed.TotalSeconds:0.0} s");
            Assert.Equal(42d, double.Parse(first.Value, CultureInfo.InvariantCulture));
            Assert.True(elapsed < TimeSpan.FromSeconds(60), $"a pre-registered host gets its items at the agent's first request, not after a refresh ({elapsed.TotalSeconds:0.0} s)");
        }
        finally
        {
            if (container is not null)
                await docker.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    private async Task<string> StartHelloAsync(IDockerClient docker, string tenant, string revision)
    {
        const string metrics = "# TYPE hello_requests_total counter\\nhello_requests_total{code=\\\"200\\\"} 40\\nhello_requests_total{code=\\\"500\\\"} 2\\n";
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = agentImage.Image,
            Cmd = ["sh", "-c", $"mkdir -p /tmp/www && printf \"{metrics}\" > /tmp/www/metrics && exec busybox httpd -f -p 127.0.0.1:$PORT -h /tmp/www"],
            User = "1000",
            Env = [$"ZBX_SERVER_ACTIVE=127.0.0.1:{fixture.Servers.TrapperPort.ToString(CultureInfo.InvariantCulture)}", $"ZBX_TENANT={tenant}", "ZBX_SERVICE=hello",
                $"APP_REVISION={revision}", $"PORT={FreePort.Next().ToString(CultureInfo.InvariantCulture)}"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        }, Ct);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Ct);
        return created.ID;
    }


    /// <summary>Polls for at most 150 s: a 6.0 agent asks for its active checks again only after RefreshActiveChecks (60 s) once its host exists.</summary>
    private static async Task<T> Until<T>(Func<Task<T?>> probe, string what, IDockerClient docker, string container) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(150))
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(500, Ct);
        }
        var lines = new LinesOf();
        await docker.Containers.GetContainerLogsAsync(container, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "40" }, lines, Ct);
        throw new TimeoutException($"Waited 150 s for {what}; container output:\n{lines}");
    }

    private sealed class LinesOf : IProgress<string>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        public void Report(string value) => _lines.Enqueue(value);

        public override string ToString() => string.Join('\n', _lines);
    }
}

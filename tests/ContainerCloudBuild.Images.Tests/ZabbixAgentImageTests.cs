using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Images.Tests.Support;
using ContainerCloudBuild.Testing;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Images.Tests;

public sealed class ZabbixAgentImageTests(ZabbixAgentImageFixture agentImage) : IClassFixture<ZabbixAgentImageFixture>
{
    private const string Metrics = "# HELP hello_requests_total Requests.\n# TYPE hello_requests_total counter\n"
        + "hello_requests_total{code=\"200\"} 40\nhello_requests_total{code=\"500\"} 2\nhello_requests_total_other 7\n";

    [Fact]
    public async Task Container_WithServerActive_RequestsActiveChecksAsServiceRevisionAndSendsMetricsFromItsPort()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var work = new ContainerCloudBuild.Testing.TempDirectory("ccb-zabbix-agent");
        var image = await agentImage.BuildOnceAsync(docker, ct);
        await using var server = new ActiveChecksListener(["ccb.metric[hello_requests_total]", "ccb.metrics.up"]);
        var appPort = FreePort.Next();
        var script = $"mkdir -p /tmp/www && printf '{Metrics.Replace("\n", "\\n", StringComparison.Ordinal)}' > /tmp/www/metrics && exec busybox httpd -f -p 127.0.0.1:$PORT -h /tmp/www";

        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Cmd = ["sh", "-c", script],
            User = "1000",
            Env = [$"ZBX_SERVER_ACTIVE=127.0.0.1:{server.Port}", "ZBX_SERVICE=hello", "ZBX_TENANT=acme", "APP_REVISION=abc123",
                $"PORT={appPort.ToString(CultureInfo.InvariantCulture)}"],
            HostConfig = new HostConfig { NetworkMode = "host" },
        }, ct);
        try
        {
            await docker.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            JsonObject? activeChecks = null;
            var values = new Dictionary<string, string>();
            while (activeChecks is null || values.Count < 2)
            {
                JsonObject request;
                try
                {
                    request = await server.Requests.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    Assert.Fail($"No {(activeChecks is null ? "active checks request" : "values of both items")} within 30 s; got {string.Join(", ", values.Keys)}. "
                        + $"Container output:\n{DockerHost.Cli(work.Path, "logs", created.ID)}");
                    throw;
                }
                if ((string?)request["request"] == "active checks")
                    activeChecks ??= request;
                else if ((string?)request["request"] == "agent data")
                    foreach (var item in request["data"]!.AsArray())
                        values[(string)item!["key"]!] = (string)item["value"]!;
            }

            Assert.Equal("hello-abc123", (string?)activeChecks["host"]);
            Assert.Equal(ZabbixAgentImage.MetadataOf("acme", "hello", "abc123"), (string?)activeChecks["host_metadata"]);
            Assert.Equal("ccb-tenant=acme;service=hello;revision=abc123", (string?)activeChecks["host_metadata"]);
            Assert.Equal("42", values["ccb.metric[hello_requests_total]"]);
            Assert.Equal("1", values["ccb.metrics.up"]);
            var processes = await docker.Client.Containers.ListProcessesAsync(created.ID, new ContainerListProcessesParameters(), ct);
            Assert.Contains(processes.Processes, p => string.Join(' ', p).Contains("zabbix_agentd", StringComparison.Ordinal));
            Assert.DoesNotContain(10050, ListeningTcpPorts());
        }
        finally
        {
            await docker.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Container_WithoutServerActive_RunsOnlyTheApp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var work = new ContainerCloudBuild.Testing.TempDirectory("ccb-zabbix-agent");
        var image = await agentImage.BuildOnceAsync(docker, ct);

        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image, Cmd = ["sh", "-c", "busybox ps -o comm; busybox ls /tmp"], User = "1000", HostConfig = new HostConfig { NetworkMode = "none" },
        }, ct);
        try
        {
            await docker.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), ct);
            var exit = await docker.Client.Containers.WaitContainerAsync(created.ID, ct);
            var output = DockerHost.Cli(work.Path, "logs", created.ID);

            Assert.Equal(0, exit.StatusCode);
            Assert.Contains("busybox", output, StringComparison.Ordinal);
            Assert.DoesNotContain("zabbix", output, StringComparison.Ordinal);
        }
        finally
        {
            await docker.Client.Containers.RemoveContainerAsync(created.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
    }

    /// <summary>The TCP ports listening in this network namespace (the containers above share it: host networking).</summary>
    private static HashSet<int> ListeningTcpPorts() =>
        [.. new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).SelectMany(File.ReadLines).Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[3] == "0A")
            .Select(fields => int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
}

using System.Text.Json;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class LocalStackTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnsureRunning_Twice_StartsOnceAndPrometheusScrapesHaproxyThenStopFreesPorts()
    {
        foreach (var binary in new[] { "/usr/sbin/haproxy", "/usr/bin/prometheus", "/usr/bin/docker-registry" })
            RequiredService.Require(File.Exists(binary), binary, "apt-get install haproxy prometheus docker-registry");
        using var temp = new TempDirectory("ccb-stack");
        var options = new LocalStackOptions
        {
            StateDirectory = temp.Path, RegistryPort = FreePort.Next(), HaproxyMetricsPort = FreePort.Next(), PrometheusPort = FreePort.Next(),
            Apps = [new HaproxyApp("hello", FreePort.Next())], ScrapeInterval = TimeSpan.FromSeconds(1), InstallMissingPackages = false,
        };
        var stack = new LocalStack(options, NullLogger.Instance);
        RequiredService.Require(await new HostPrerequisites(options, NullLogger.Instance).DockerAnswersAsync(Ct), "Docker engine", "start dockerd");
        try
        {
            var first = await stack.EnsureRunningAsync(Ct);
            var second = await stack.EnsureRunningAsync(Ct);

            Assert.True(first.Ready, string.Join("; ", first.Problems));
            Assert.Equal(3, first.Started.Count);
            Assert.True(second.Ready);
            Assert.Empty(second.Started);
            using var http = new HttpClient();
            Assert.True((await http.GetAsync(new Uri($"http://{first.Registry}/v2/"), Ct)).IsSuccessStatusCode);
            Assert.Contains("haproxy_", await http.GetStringAsync(new Uri($"http://127.0.0.1:{options.HaproxyMetricsPort}/metrics"), Ct), StringComparison.Ordinal);
            Assert.True(await HaproxyScrapedAsync(http, first.PrometheusUrl), "Prometheus never reported up{job=\"haproxy\"} = 1");
            var servers = await new HaproxyTrafficRouter(new HaproxyRuntimeClient(first.HaproxySocket), TimeProvider.System).GetWeightsAsync("hello", Ct);
            Assert.Empty(servers);
        }
        finally
        {
            await stack.StopAsync(Ct);
        }
        Assert.False(await DaemonProcess.PortAnswersAsync(options.PrometheusPort, Ct));
        Assert.False(await DaemonProcess.PortAnswersAsync(options.RegistryPort, Ct));
        Assert.False(await DaemonProcess.PortAnswersAsync(options.Apps[0].Port, Ct));
    }

    [Fact]
    public async Task EnsureRunning_MissingBinaryWithoutInstall_ReturnsExactAptCommand()
    {
        using var temp = new TempDirectory("ccb-stack");
        var options = new LocalStackOptions { StateDirectory = temp.Path, PrometheusBinary = "/nonexistent/prometheus", InstallMissingPackages = false };

        var result = await new LocalStack(options, NullLogger.Instance).EnsureRunningAsync(Ct);

        Assert.False(result.Ready);
        Assert.Contains("prometheus", result.Problems.Single(), StringComparison.Ordinal);
        Assert.EndsWith("apt-get install -y prometheus", result.CommandsToRun.Single(), StringComparison.Ordinal);
    }

    private static async Task<bool> HaproxyScrapedAsync(HttpClient http, string prometheus)
    {
        for (var i = 0; i < 60; i++)
        {
            var json = await http.GetStringAsync(new Uri($"{prometheus}/api/v1/query?query=up%7Bjob%3D%22haproxy%22%7D"), Ct);
            using var doc = JsonDocument.Parse(json);
            var results = doc.RootElement.GetProperty("data").GetProperty("result");
            if (results.GetArrayLength() == 1 && results[0].GetProperty("value")[1].GetString() == "1")
                return true;
            await Task.Delay(500, Ct);
        }
        return false;
    }
}

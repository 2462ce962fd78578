using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

public sealed class StackPortClashesTests
{
    [Fact]
    public void Find_DistinctPorts_NoClash()
    {
        var options = new LocalStackOptions { StateDirectory = "/unused", Apps = [new HaproxyApp("hello", 8080), new HaproxyApp("orders", 8081)] };

        Assert.Empty(StackPortClashes.Find(options));
    }

    [Fact]
    public void Find_MetricsAndPrometheusAndAFrontendShareAPort_NamesAllThreeOnce()
    {
        var options = new LocalStackOptions
        {
            StateDirectory = "/unused", HaproxyMetricsPort = 39567, PrometheusPort = 39567, Apps = [new HaproxyApp("hello", 39567)],
        };

        var clash = Assert.Single(StackPortClashes.Find(options));

        Assert.Equal("port 39567 is given to both HAProxy's metrics (HaproxyMetricsPort) and Prometheus (PrometheusPort) and the frontend of 'hello' (its rollout.routerPort)", clash);
    }

    [Fact]
    public async Task EnsureRunning_ClashingPorts_FailsBeforeStartingAnything()
    {
        using var temp = new TempDirectory("ccb-stack-clash");
        var options = new LocalStackOptions
        {
            StateDirectory = temp.Path, RegistryPort = 5999, HaproxyMetricsPort = 5999, InstallMissingPackages = false,
            DockerSocket = Path.Combine(temp.Path, "no-docker.sock"),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new LocalStack(options, NullLogger.Instance).EnsureRunningAsync(TestContext.Current.CancellationToken));

        Assert.Contains("port 5999 is given to both the registry (RegistryPort) and HAProxy's metrics (HaproxyMetricsPort)", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was started", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}

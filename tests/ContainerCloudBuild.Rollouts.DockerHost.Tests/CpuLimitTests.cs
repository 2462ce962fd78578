using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class CpuLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_WithCpuLimit_ContainerGetsThatShareOfTenMillisecondPeriods()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);

        var result = await stack.Controller.DeployBlueGreenAsync(new BlueGreenSpec
        {
            App = stack.App, Revision = "v1", Workload = stack.Workload(image, "v1") with { CpuLimit = 0.5 },
        }, Ct);

        Assert.True(result.Succeeded, result.Message);
        var container = Assert.Single(await stack.ContainersAsync(Ct));
        var host = (await stack.Target.Docker.Containers.InspectContainerAsync(container.ID, Ct)).HostConfig;
        Assert.NotNull(host);
        Assert.Equal("period 10000, quota 5000, nano-CPUs 0", $"period {host.CPUPeriod}, quota {host.CPUQuota}, nano-CPUs {host.NanoCPUs}");
    }
}

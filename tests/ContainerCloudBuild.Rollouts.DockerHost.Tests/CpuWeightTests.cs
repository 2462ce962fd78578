using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class CpuWeightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, DockerWorkloadDriver.StartingCpuShares, DockerWorkloadDriver.ServingCpuShares)]
    [InlineData(false, 0, 0)] // 0: Docker's default weight, never changed
    public async Task Candidate_LowCpuWeightUntilReady_StartsLowAndGetsServingWeightOnceHealthy(bool lowUntilReady, long whileStarting, long whenReady)
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);
        var workload = stack.Workload(image, "v1") with { Replicas = 2 };
        workload = workload with { HealthCheck = workload.HealthCheck with { LowCpuWeightUntilReady = lowUntilReady } };
        var driver = stack.Target.Driver;

        var started = await driver.StartAsync(stack.App, "v1", workload, Ct);
        var starting = await SharesAsync(stack);
        var health = await driver.WaitHealthyAsync(stack.App, started, workload.HealthCheck, null, Ct);
        var ready = await SharesAsync(stack);

        Assert.True(health.Healthy, health.Message);
        Assert.Equal([whileStarting, whileStarting], starting);
        Assert.Equal([whenReady, whenReady], ready);
    }

    private static async Task<long[]> SharesAsync(RolloutStack stack)
    {
        var shares = new List<long>();
        foreach (var container in await stack.ContainersAsync(Ct))
            shares.Add((await stack.Target.Docker.Containers.InspectContainerAsync(container.ID, Ct)).HostConfig?.CPUShares ?? -1);
        return [.. shares];
    }
}

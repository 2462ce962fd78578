using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>
/// Sets the CPU weight (cgroup shares; Docker's default is 1024) of the stack's HAProxy container, to measure whether
/// the router waiting behind starting candidates and the engine's work explains the stalls at rollout events.
/// </summary>
static class RouterCpuWeight
{
    public const long Default = 1024;

    public static async Task SetAsync(IDockerClient docker, long shares, CancellationToken cancellationToken)
    {
        var routers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { ["ccb-stack-haproxy-"] = true } },
        }, cancellationToken).ConfigureAwait(false);
        if (routers.Count == 0)
            throw new InvalidOperationException("No ccb-stack-haproxy-* container runs; the stack should have been started by the benchmark.");
        foreach (var router in routers)
            await docker.Containers.UpdateContainerAsync(router.ID, new ContainerUpdateParameters { CPUShares = shares }, cancellationToken).ConfigureAwait(false);
    }
}

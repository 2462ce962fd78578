using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class CpuPinningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PinToCores_TwoRevisions_EachReplicaOnOneCoreAndTheCandidateOnTheLeastLoadedOnes()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var cores = (int)(await stack.Target.Docker.System.GetSystemInfoAsync(Ct)).NCPU;
        var image = await stack.ImageAsync("v1", healthy: true, Ct);
        var workload = stack.Workload(image, "v1", replicas: 2) with { CpuLimit = 0.5, PinToCores = true };
        var driver = stack.Target.Driver;

        var others = await PinnedElsewhereAsync(stack); // pinned replicas of other services on this engine (e.g. a Demo) count too
        await driver.StartAsync(stack.App, "v1", workload, Ct);
        var stable = await CpuSetsAsync(stack, "v1");
        await driver.StartAsync(stack.App, "v2", workload, Ct);
        var candidate = await CpuSetsAsync(stack, "v2");

        if (cores < 2)
        {
            Assert.All(stable.Concat(candidate), s => Assert.Equal("", s)); // one core: nothing to choose from
            return;
        }
        Assert.All(stable.Concat(candidate), s => Assert.Single(CpuPlacement.Parse(s)));
        Assert.Equal(CpuPlacement.Choose(cores, 0.5, 2, others), stable);
        Assert.Equal(CpuPlacement.Choose(cores, 0.5, 2, [.. others, .. stable.Select(s => new PinnedReplica(s, 0.5))]), candidate);
        if (others.Count == 0)
            Assert.Empty(candidate.SelectMany(CpuPlacement.Parse).Intersect(stable.SelectMany(CpuPlacement.Parse)));
    }

    [Fact]
    public async Task PinToCoresOff_ReplicasRunOnEveryCore()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        var image = await stack.ImageAsync("v1", healthy: true, Ct);

        await stack.Target.Driver.StartAsync(stack.App, "v1", stack.Workload(image, "v1", replicas: 2) with { CpuLimit = 0.5 }, Ct);

        Assert.Equal(["", ""], await CpuSetsAsync(stack, "v1"));
    }

    /// <summary>Running replicas of other applications that carry a cpuset label, as the driver counts them.</summary>
    private static async Task<List<PinnedReplica>> PinnedElsewhereAsync(RolloutStack stack)
    {
        var running = await stack.Target.Docker.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [DockerLabels.CpuSet] = true } },
        }, Ct);
        return [.. running.Where(c => c.Labels[DockerLabels.App] != stack.App).Select(c => PinnedReplica.FromLabels(c.Labels)).OfType<PinnedReplica>()];
    }

    /// <summary>The engine's HostConfig.CpusetCpus of each replica of <paramref name="revision"/>, in replica order.</summary>
    private static async Task<string[]> CpuSetsAsync(RolloutStack stack, string revision)
    {
        var sets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in await stack.ContainersAsync(Ct))
        {
            if (container.Labels[DockerLabels.Revision] != revision)
                continue;
            var inspected = await stack.Target.Docker.Containers.InspectContainerAsync(container.ID, Ct);
            sets[container.Labels[DockerLabels.Replica]] = inspected.HostConfig?.CpusetCpus ?? "";
        }
        return [.. sets.Values];
    }
}

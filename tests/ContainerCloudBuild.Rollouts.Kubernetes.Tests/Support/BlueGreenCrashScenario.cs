using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>Blue-green paused before the switch (no auto-promotion): the active Service keeps selecting v1.</summary>
public sealed class BlueGreenCrashScenario : CrashScenario
{
    public override RolloutStrategy Strategy => RolloutStrategy.BlueGreen;

    public override ITrafficRouter? Router(k8s.Kubernetes client, string ns) => null;

    public override async Task PrepareAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        var first = await cluster.Target(router: Router(cluster.Client, cluster.Namespace)).Controller.DeployBlueGreenAsync(BlueGreenTo("v1"), cancellationToken);
        Assert.True(first.Succeeded, first.Message);
    }

    public override Task<RolloutResult> StartPausedAsync(RolloutController controller, string version, CancellationToken cancellationToken) =>
        controller.DeployBlueGreenAsync(BlueGreenTo(version) with { AutoPromote = false }, cancellationToken);

    public override async Task AssertPausedAsync(FakeClusterNamespace cluster, RolloutStatus status, CancellationToken cancellationToken)
    {
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(cancellationToken));
        Assert.Equal(["shop-v1", "shop-v2"], await cluster.SlotNamesAsync(cancellationToken));
    }

    public override async Task AssertAbortedAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(cancellationToken));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(cancellationToken));
    }
}

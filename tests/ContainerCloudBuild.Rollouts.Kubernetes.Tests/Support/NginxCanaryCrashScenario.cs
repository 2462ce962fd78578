using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using k8s.Models;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// Canary through ingress-nginx, paused until promoted at 30%: the Ingress <c>shop</c> routes to v1's Service and the canary
/// Ingress <c>shop-canary</c> sends 30% to v2's. Weights are read from the stored Ingresses, never through the router.
/// </summary>
public sealed class NginxCanaryCrashScenario : CrashScenario
{
    private const int PausedWeight = 30;

    public override RolloutStrategy Strategy => RolloutStrategy.Canary;

    public override ITrafficRouter? Router(k8s.Kubernetes client, string ns) => NginxCanaryIngress.Router(client, ns, "fake cluster");

    public override async Task PrepareAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        await NginxCanaryIngress.ApplyRenderedIngressAsync(cluster, cancellationToken);
        var first = await StartPausedAsync(cluster.Target(router: Router(cluster.Client, cluster.Namespace)).Controller, "v1", cancellationToken);
        Assert.True(first.Succeeded, first.Message); // the first revision takes all traffic without steps
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, await NginxCanaryIngress.StoredWeightsAsync(cluster, cancellationToken));
    }

    public override Task<RolloutResult> StartPausedAsync(RolloutController controller, string version, CancellationToken cancellationToken) =>
        controller.StartCanaryAsync(new CanarySpec
        {
            App = App,
            Revision = version,
            Workload = Workload(version),
            Steps = [CanaryStep.SetWeight(PausedWeight), CanaryStep.Pause()],
            DrainTimeout = TimeSpan.FromSeconds(1),
        }, cancellationToken);

    public override async Task AssertPausedAsync(FakeClusterNamespace cluster, RolloutStatus status, CancellationToken cancellationToken)
    {
        Assert.Equal(1, status.State!.StepIndex);
        Assert.Equal(PausedWeight, status.State.CandidateWeight);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 - PausedWeight, ["v2"] = PausedWeight }, status.Weights);
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 - PausedWeight, ["shop-v2"] = PausedWeight }, await NginxCanaryIngress.StoredWeightsAsync(cluster, cancellationToken));
        Assert.Equal(["shop-v1", "shop-v2"], await cluster.SlotNamesAsync(cancellationToken));
    }

    public override async Task AssertAbortedAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, await NginxCanaryIngress.StoredWeightsAsync(cluster, cancellationToken));
        Assert.Null(cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, NginxCanaryRouter.CanaryName(App)));
        Assert.Null(cluster.Api.Store.Get<V1Service>(cluster.Namespace, "shop-v2"));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(cancellationToken));
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting;
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
    private static readonly ResourceKind IngressKind = ResourceKind.Find("networking.k8s.io/v1", "Ingress")!;

    public override RolloutStrategy Strategy => RolloutStrategy.Canary;

    public override ITrafficRouter? Router(k8s.Kubernetes client, string ns) => new NginxCanaryRouter(new ClusterRouting
    {
        Api = new KubeApi(client, "fake cluster"),
        Namespace = ns,
        AppLabel = RolloutLabels.Instance,
        RevisionLabel = RolloutLabels.Revision,
        DrainGrace = TimeSpan.FromMilliseconds(200),
    });

    public override async Task PrepareAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        await new KubeApi(cluster.Client, "fake cluster").ApplyAsync(new ResourceId(IngressKind, cluster.Namespace, App), RenderedIngress(cluster.Namespace),
            ApplyOptions.DefaultFieldManager, force: false, dryRun: false, cancellationToken);
        var first = await StartPausedAsync(cluster.Target(router: Router(cluster.Client, cluster.Namespace)).Controller, "v1", cancellationToken);
        Assert.True(first.Succeeded, first.Message); // the first revision takes all traffic without steps
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, StoredWeights(cluster));
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
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 - PausedWeight, ["shop-v2"] = PausedWeight }, StoredWeights(cluster));
        Assert.Equal(["shop-v1", "shop-v2"], await cluster.SlotNamesAsync(cancellationToken));
    }

    public override async Task AssertAbortedAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken)
    {
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, StoredWeights(cluster));
        Assert.Null(cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, NginxCanaryRouter.CanaryName(App)));
        Assert.Null(cluster.Api.Store.Get<V1Service>(cluster.Namespace, "shop-v2"));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(cancellationToken));
    }

    /// <summary>Service per Ingress as ingress-nginx sees it: the primary's backend takes what the canary's weight leaves.</summary>
    private static Dictionary<string, int> StoredWeights(FakeClusterNamespace cluster)
    {
        var primary = cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, App)!;
        var canary = cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, NginxCanaryRouter.CanaryName(App));
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        var canaryWeight = 0;
        if (canary is not null)
        {
            Assert.Equal("true", canary.Metadata.Annotations[NginxCanaryRouter.CanaryAnnotation]);
            canaryWeight = int.Parse(canary.Metadata.Annotations[NginxCanaryRouter.WeightAnnotation], CultureInfo.InvariantCulture);
            weights[Backend(canary)] = canaryWeight;
        }
        weights[Backend(primary)] = 100 - canaryWeight;
        return weights;
    }

    private static string Backend(V1Ingress ingress) => ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service.Name;

    /// <summary>The service's rendered Ingress (class nginx), pointing at the Service <c>shop</c> as a deploy applies it.</summary>
    private static JsonObject RenderedIngress(string ns) => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"APP","namespace":"NS","labels":{"INSTANCE":"APP"}},
         "spec":{"ingressClassName":"nginx","rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix",
           "backend":{"service":{"name":"APP","port":{"name":"http"}}}}]}}]}}
        """.Replace("APP", App, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal).Replace("INSTANCE", RolloutLabels.Instance, StringComparison.Ordinal))!;
}

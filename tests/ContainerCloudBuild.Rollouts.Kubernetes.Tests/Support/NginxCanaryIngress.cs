using k8s;
using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting;
using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using k8s.Models;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// A canary through ingress-nginx on a cluster namespace: the service's rendered Ingress <c>shop</c> (class nginx), the router,
/// and the weights read back from the stored Ingresses through the API (never through the router).
/// </summary>
public static class NginxCanaryIngress
{
    private static readonly ResourceKind IngressKind = ResourceKind.Find("networking.k8s.io/v1", "Ingress")!;

    public static ITrafficRouter Router(k8s.Kubernetes client, string ns, string where) => new NginxCanaryRouter(new ClusterRouting
    {
        Api = new KubeApi(client, where),
        Namespace = ns,
        AppLabel = RolloutLabels.Instance,
        RevisionLabel = RolloutLabels.Revision,
        DrainGrace = TimeSpan.FromMilliseconds(200),
    });

    /// <summary>Applies the service's Ingress as a deploy does, pointing at the Service <c>shop</c>.</summary>
    public static Task ApplyRenderedIngressAsync(ClusterNamespace cluster, CancellationToken cancellationToken) =>
        new KubeApi(cluster.Client, cluster.Where).ApplyAsync(new ResourceId(IngressKind, cluster.Namespace, App), RenderedIngress(cluster.Namespace),
            ApplyOptions.DefaultFieldManager, force: false, dryRun: false, cancellationToken);

    /// <summary>Service per Ingress as ingress-nginx sees it: the primary's backend takes what the canary's weight leaves.</summary>
    public static async Task<Dictionary<string, int>> StoredWeightsAsync(ClusterNamespace cluster, CancellationToken cancellationToken)
    {
        var ingresses = (await cluster.Client.NetworkingV1.ListNamespacedIngressAsync(cluster.Namespace, cancellationToken: cancellationToken)).Items;
        var primary = ingresses.Single(i => i.Metadata.Name == App);
        var canary = ingresses.SingleOrDefault(i => i.Metadata.Name == NginxCanaryRouter.CanaryName(App));
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

    private static JsonObject RenderedIngress(string ns) => (JsonObject)JsonNode.Parse("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"APP","namespace":"NS","labels":{"INSTANCE":"APP"}},
         "spec":{"ingressClassName":"nginx","rules":[{"host":"shop.example.com","http":{"paths":[{"path":"/","pathType":"Prefix",
           "backend":{"service":{"name":"APP","port":{"name":"http"}}}}]}}]}}
        """.Replace("APP", App, StringComparison.Ordinal).Replace("NS", ns, StringComparison.Ordinal).Replace("INSTANCE", RolloutLabels.Instance, StringComparison.Ordinal))!;
}

using System.Globalization;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Kubernetes.Testing.CustomResources;
using ContainerCloudBuild.Rollouts.Kubernetes;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>
/// The traffic split of the service <c>orders</c> as the fake API server stores it, per revision Service (or slot Deployment,
/// named alike): read from the typed objects (nginx Ingresses, HTTPRoute, Route) or the pod ratio of the slots, never through a router.
/// </summary>
internal static class StoredRouterWeights
{
    /// <summary>The values that render the router's object and choose it (<c>rollout.trafficRouter</c>).</summary>
    public static string ValuesFor(string router) => router switch
    {
        "nginx" => "ingress:\n  enabled: true\n",
        "gateway" => "ingress:\n  enabled: true\ngateway:\n  enabled: true\n  parentName: public\n",
        "openshift" => "ingress:\n  enabled: true\nopenshift:\n  enabled: true\n",
        "replicas" => "",
        _ => throw new ArgumentOutOfRangeException(nameof(router), router, "nginx, gateway, openshift or replicas"),
    } + $"rollout:\n  trafficRouter: {router}\n";

    public static Dictionary<string, int> Read(FakeKubeApiServer api, string ns, string router) => router switch
    {
        "nginx" => Nginx(api, ns),
        "gateway" => (api.Store.Get<HttpRoute>(ns, "orders")!.Spec!.Rules!.Single().BackendRefs ?? [])
            .ToDictionary(b => b.Name!, b => b.Weight ?? 1, StringComparer.Ordinal),
        "openshift" => OpenShift(api.Store.Get<OpenShiftRoute>(ns, "orders")!),
        _ => Replicas(api, ns),
    };

    private static Dictionary<string, int> Nginx(FakeKubeApiServer api, string ns)
    {
        var primary = api.Store.Get<V1Ingress>(ns, "orders")!;
        var canary = api.Store.Get<V1Ingress>(ns, "orders-canary");
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        var canaryWeight = 0;
        if (canary is not null)
        {
            Assert.Equal("true", canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary"]);
            canaryWeight = int.Parse(canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary-weight"], CultureInfo.InvariantCulture);
            weights[Backend(canary)] = canaryWeight;
        }
        weights[Backend(primary)] = 100 - canaryWeight;
        return weights;
    }

    private static Dictionary<string, int> OpenShift(OpenShiftRoute route)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal) { [route.Spec!.To!.Name!] = route.Spec.To.Weight ?? 100 };
        foreach (var alternate in route.Spec.AlternateBackends ?? [])
            weights[alternate.Name!] = alternate.Weight ?? 100;
        return weights;
    }

    /// <summary>Each slot's share of the pods it asks for (the Service "orders" spreads evenly over all of them).</summary>
    private static Dictionary<string, int> Replicas(FakeKubeApiServer api, string ns)
    {
        var slots = api.Store.List<V1Deployment>(ns).Where(d => d.Metadata.Labels?.ContainsKey(RolloutLabels.Revision) == true).ToList();
        var total = slots.Sum(d => d.Spec.Replicas ?? 1);
        return slots.ToDictionary(d => d.Metadata.Name, d => total == 0 ? 0 : (int)Math.Round(100.0 * (d.Spec.Replicas ?? 1) / total), StringComparer.Ordinal);
    }

    private static string Backend(V1Ingress ingress) => ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service.Name;
}

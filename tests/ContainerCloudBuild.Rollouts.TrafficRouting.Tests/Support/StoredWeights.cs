using System.Globalization;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Kubernetes.Testing.CustomResources;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>
/// The weights per Service as the routing objects in the fake's store say, read with the typed models (not through the router),
/// so a router that wrote the wrong field fails the test.
/// </summary>
internal static class StoredWeights
{
    public static Dictionary<string, int> Of(FakeKubeApiServer api, string ns, TrafficRouterKind kind, string name) => kind switch
    {
        TrafficRouterKind.Nginx => Nginx(api, ns, name),
        TrafficRouterKind.Gateway => api.Store.Get<HttpRoute>(ns, name)!.Spec!.Rules!.Single().BackendRefs!
            .ToDictionary(r => r.Name!, r => r.Weight ?? 1),
        TrafficRouterKind.OpenShift => Route(api.Store.Get<OpenShiftRoute>(ns, name)!),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Dictionary<string, int> Nginx(FakeKubeApiServer api, string ns, string name)
    {
        var primary = api.Store.Get<V1Ingress>(ns, name)!;
        var canary = api.Store.Get<V1Ingress>(ns, name + "-canary");
        var weights = new Dictionary<string, int>();
        var canaryWeight = 0;
        if (canary is not null)
        {
            Assert.Equal("true", canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary"]);
            canaryWeight = int.Parse(canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary-weight"], CultureInfo.InvariantCulture);
            weights[Service(canary)] = canaryWeight;
        }
        weights[Service(primary)] = 100 - canaryWeight;
        return weights;
    }

    private static string Service(V1Ingress ingress) => ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service.Name;

    private static Dictionary<string, int> Route(OpenShiftRoute route)
    {
        var weights = new Dictionary<string, int> { [route.Spec!.To!.Name!] = route.Spec.To.Weight ?? 100 };
        foreach (var alternate in route.Spec.AlternateBackends ?? [])
            weights[alternate.Name!] = alternate.Weight ?? 100;
        return weights;
    }
}

using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>The kinds the routers touch; HTTPRoute and Route are not in KubernetesClient's models, so they are spelled out.</summary>
internal static class ClusterKinds
{
    public static readonly ResourceKind Service = ResourceKind.Find("v1", "Service")!;
    public static readonly ResourceKind Deployment = ResourceKind.Find("apps/v1", "Deployment")!;
    public static readonly ResourceKind Ingress = ResourceKind.Find("networking.k8s.io/v1", "Ingress")!;
    public static readonly ResourceKind HttpRoute = new("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true);
    public static readonly ResourceKind Route = new("route.openshift.io", "v1", "Route", "routes", true);
}

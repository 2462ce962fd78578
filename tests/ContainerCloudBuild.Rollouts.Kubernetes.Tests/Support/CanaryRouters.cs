using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting;
using ContainerCloudBuild.Rollouts.TrafficRouting.GatewayApi;
using ContainerCloudBuild.Rollouts.TrafficRouting.OpenShift;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// The routing-object canary routers on a cluster namespace (nginx, gateway, openshift): what the cluster must serve, the
/// service's rendered routing object, the router, and the weights per revision Service read back from the stored object.
/// </summary>
public static class CanaryRouters
{
    private static readonly ResourceKind HttpRoute = new("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true);
    private static readonly ResourceKind Route = new("route.openshift.io", "v1", "Route", "routes", true);

    public static TheoryData<string, string> KindsAndRouters => new()
    {
        { "fake", "nginx" }, { "fake", "gateway" }, { "fake", "openshift" },
        { "real", "nginx" }, { "real", "gateway" }, { "real", "openshift" },
    };

    /// <summary>Skips (naming the missing kind) when the cluster does not serve what the router writes.</summary>
    public static Task RequireAsync(ClusterNamespace cluster, string router, CancellationToken cancellationToken) => router switch
    {
        "nginx" => cluster.RequireIngressNginxAsync(cancellationToken),
        "gateway" => cluster.RequireServedAsync("gateway.networking.k8s.io/v1", "HTTPRoute",
            "install the Gateway API CRDs (https://gateway-api.sigs.k8s.io/guides/#installing-gateway-api) to run the gateway canary against it.", cancellationToken),
        _ => cluster.RequireServedAsync("route.openshift.io/v1", "Route", "Route is OpenShift's; run the openshift canary against an OpenShift cluster.", cancellationToken),
    };

    /// <summary>Applies the service's routing object as a deploy does (the Ingress, HTTPRoute or Route <c>shop</c>).</summary>
    public static async Task ApplyRenderedAsync(ClusterNamespace cluster, string router, CancellationToken cancellationToken)
    {
        if (router == "nginx")
        {
            await NginxCanaryIngress.ApplyRenderedIngressAsync(cluster, cancellationToken);
            return;
        }
        var (kind, body) = router == "gateway"
            ? (HttpRoute, """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"APP","namespace":"NS"},"spec":{"parentRefs":[{"name":"public"}],"hostnames":["shop.example.com"],"rules":[{"backendRefs":[{"name":"APP","port":80}]}]}}""")
            : (Route, """{"apiVersion":"route.openshift.io/v1","kind":"Route","metadata":{"name":"APP","namespace":"NS"},"spec":{"host":"shop.example.com","to":{"kind":"Service","name":"APP","weight":100},"port":{"targetPort":"http"}}}""");
        var rendered = (JsonObject)JsonNode.Parse(body.Replace("APP", App, StringComparison.Ordinal).Replace("NS", cluster.Namespace, StringComparison.Ordinal))!;
        await new KubeApi(cluster.Client, cluster.Where).ApplyAsync(new ResourceId(kind, cluster.Namespace, App), rendered,
            ApplyOptions.DefaultFieldManager, force: false, dryRun: false, cancellationToken);
    }

    public static ITrafficRouter Router(ClusterNamespace cluster, string router)
    {
        if (router == "nginx")
            return NginxCanaryIngress.Router(cluster.Client, cluster.Namespace, cluster.Where);
        var routing = new ClusterRouting
        {
            Api = new KubeApi(cluster.Client, cluster.Where),
            Namespace = cluster.Namespace,
            AppLabel = RolloutLabels.Instance,
            RevisionLabel = RolloutLabels.Revision,
            DrainGrace = TimeSpan.FromMilliseconds(200),
        };
        return router == "gateway" ? new HttpRouteRouter(routing) : new OpenShiftRouteRouter(routing);
    }

    /// <summary>Weight per revision Service as the stored object says (HTTPRoute backendRefs; Route to + alternateBackends).</summary>
    public static async Task<Dictionary<string, int>> StoredWeightsAsync(ClusterNamespace cluster, string router, CancellationToken cancellationToken)
    {
        if (router == "nginx")
            return await NginxCanaryIngress.StoredWeightsAsync(cluster, cancellationToken);
        var api = new KubeApi(cluster.Client, cluster.Where);
        var stored = await api.GetAsync(new ResourceId(router == "gateway" ? HttpRoute : Route, cluster.Namespace, App), cancellationToken)
            ?? throw new InvalidOperationException($"the {router} routing object {App} is gone");
        var backends = router == "gateway"
            ? stored["spec"]!["rules"]![0]!["backendRefs"]!.AsArray().OfType<JsonObject>()
            : new[] { stored["spec"]!["to"] }.Concat(stored["spec"]!["alternateBackends"]?.AsArray() ?? []).OfType<JsonObject>();
        return backends.ToDictionary(b => b["name"]!.GetValue<string>(), b => b["weight"]?.GetValue<int>() ?? (router == "gateway" ? 1 : 100), StringComparer.Ordinal);
    }
}

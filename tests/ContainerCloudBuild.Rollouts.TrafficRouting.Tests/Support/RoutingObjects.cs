using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>The routing objects a service's render (or its team) provides before a canary: each points at the service <c>web</c>.</summary>
internal static class RoutingObjects
{
    public static readonly ResourceKind IngressKind = ResourceKind.Find("networking.k8s.io/v1", "Ingress")!;
    public static readonly ResourceKind HttpRouteKind = new("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true);
    public static readonly ResourceKind RouteKind = new("route.openshift.io", "v1", "Route", "routes", true);

    public static JsonObject Ingress(string name, string service) => Parse("""
        {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"NAME","labels":{"app.kubernetes.io/instance":"web"},
         "annotations":{"nginx.ingress.kubernetes.io/proxy-body-size":"1m"}},
         "spec":{"ingressClassName":"nginx","tls":[{"hosts":["web.example.com"],"secretName":"web-tls"}],
          "rules":[{"host":"web.example.com","http":{"paths":[{"path":"/","pathType":"Prefix",
           "backend":{"service":{"name":"SERVICE","port":{"name":"http"}}}}]}}]}}
        """, name, service);

    public static JsonObject HttpRoute(string name, string service) => Parse("""
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"NAME"},
         "spec":{"parentRefs":[{"name":"public-gateway","namespace":"gateways"}],"hostnames":["web.example.com"],
          "rules":[{"matches":[{"path":{"type":"PathPrefix","value":"/"}}],"backendRefs":[{"name":"SERVICE","port":80}]}]}}
        """, name, service);

    public static JsonObject Route(string name, string service) => Parse("""
        {"apiVersion":"route.openshift.io/v1","kind":"Route","metadata":{"name":"NAME"},
         "spec":{"host":"web.apps.example.com","to":{"kind":"Service","name":"SERVICE","weight":100},
          "port":{"targetPort":"http"},"tls":{"termination":"edge","insecureEdgeTerminationPolicy":"Redirect"}}}
        """, name, service);

    private static JsonObject Parse(string json, string name, string service) =>
        (JsonObject)JsonNode.Parse(json.Replace("NAME", name, StringComparison.Ordinal).Replace("SERVICE", service, StringComparison.Ordinal))!;
}

using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.CustomResources;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

/// <summary>The kinds traffic routers write besides Ingress: Gateway API HTTPRoute and OpenShift Route, served, validated and readable typed.</summary>
public sealed class TrafficRoutingKindTests
{
    private const string HttpRouteYaml = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: web
        spec:
          parentRefs:
            - name: public
          rules:
            - backendRefs:
                - name: web-v1
                  port: 80
                  weight: 90
                - name: web-v2
                  port: 80
                  weight: 10
        """;

    private const string RouteYaml = """
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata:
          name: web
        spec:
          host: web.apps.example.com
          to:
            kind: Service
            name: web-v1
            weight: 75
          alternateBackends:
            - kind: Service
              name: web-v2
              weight: 25
          port:
            targetPort: http
          tls:
            termination: reencrypt
        """;

    [Fact]
    public async Task Apply_HttpRoute_WeightsReadableTyped()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);

        var code = await ApplyAsync(api, "apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/web", HttpRouteYaml, ct);

        Assert.Equal(HttpStatusCode.Created, code);
        var refs = api.Store.Get<HttpRoute>("default", "web")!.Spec!.Rules!.Single().BackendRefs!;
        Assert.Equal([("web-v1", 90), ("web-v2", 10)], refs.Select(r => (r.Name!, r.Weight ?? 1)));
    }

    [Fact]
    public async Task Apply_Route_ToAndAlternateBackendsReadableTyped()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);

        var code = await ApplyAsync(api, "apis/route.openshift.io/v1/namespaces/default/routes/web", RouteYaml, ct);

        Assert.Equal(HttpStatusCode.Created, code);
        var route = api.Store.Get<OpenShiftRoute>("default", "web")!;
        Assert.Equal(("web-v1", 75), (route.Spec!.To!.Name, route.Spec.To.Weight ?? 0));
        Assert.Equal(("web-v2", 25), (route.Spec.AlternateBackends!.Single().Name, route.Spec.AlternateBackends!.Single().Weight ?? 0));
        Assert.Equal("reencrypt", route.Spec.Tls!.Termination);
    }

    [Fact]
    public async Task Apply_RouteWithUnknownField_RejectedNamingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var content = new StringContent(RouteYaml.Replace("alternateBackends", "alternativeBackends", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/apply-patch+yaml");

        using var response = await http.PatchAsync("apis/route.openshift.io/v1/namespaces/default/routes/web?fieldManager=ccb", content, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".spec.alternativeBackends: field not declared in schema", KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync(ct)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_ListsGatewayAndRouteGroups()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync(ct);
        var gateway = await client.GetAPIResourcesAsync("gateway.networking.k8s.io", "v1", ct);

        Assert.Superset(new HashSet<string> { "gateway.networking.k8s.io", "route.openshift.io" }, groups.Groups.Select(g => g.Name).ToHashSet());
        Assert.Contains(gateway.Resources, r => r is { Name: "httproutes", Kind: "HTTPRoute", Namespaced: true });
    }

    private static async Task<HttpStatusCode> ApplyAsync(FakeKubeApiServer api, string path, string yaml, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml");
        using var response = await http.PatchAsync(path + "?fieldManager=ccb&fieldValidation=Strict", content, ct);
        return response.StatusCode;
    }
}

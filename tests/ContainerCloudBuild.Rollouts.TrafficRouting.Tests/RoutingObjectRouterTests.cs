using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting.GatewayApi;
using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using ContainerCloudBuild.Rollouts.TrafficRouting.OpenShift;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;
using ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests;

/// <summary>Each router against the fake API server through a canary's router calls: add, setWeight 10 → 50 → 100, abort, promote.</summary>
public sealed class RoutingObjectRouterTests
{
    public static TheoryData<TrafficRouterKind> Routers => [TrafficRouterKind.Nginx, TrafficRouterKind.Gateway, TrafficRouterKind.OpenShift];

    private static readonly RevisionInfo Stable = new() { Revision = "v1", Image = "registry.example/web:1" };
    private static readonly RevisionInfo Canary = new() { Revision = "v2", Image = "registry.example/web:2" };

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task CanarySteps_SetWeights_ObjectCarriesEachStepAndAbortResetsToStable(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, kind, ct);

        await router.AddBackendAsync("web", Stable, ct);
        Assert.Equal(new Dictionary<string, int> { ["web-v1"] = 100 }, StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web"));
        await router.AddBackendAsync("web", Canary, ct);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100, ["v2"] = 0 }, await router.GetWeightsAsync("web", ct));

        foreach (var weight in new[] { 10, 50, 100 })
        {
            await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = weight, ["v1"] = 100 - weight }, ct);
            Assert.Equal(new Dictionary<string, int> { ["web-v1"] = 100 - weight, ["web-v2"] = weight }, StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web"));
            Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 - weight, ["v2"] = weight }, await router.GetWeightsAsync("web", ct));
        }

        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v1"] = 100, ["v2"] = 0 }, ct);
        await router.RemoveBackendAsync("web", "v2", ct);
        Assert.Equal(new Dictionary<string, int> { ["web-v1"] = 100 }, StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web"));
        Assert.Null(cluster.Api.Store.Get<V1Service>(cluster.Namespace, "web-v2"));
        Assert.Contains(cluster.Output, line => line.Contains("v1=100%, v2=0%", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Promotion_OldStableRemovedAtZero_CanaryBecomesPrimary(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, kind, ct);
        await router.AddBackendAsync("web", Stable, ct);
        await router.AddBackendAsync("web", Canary, ct);
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 100, ["v1"] = 0 }, ct);

        var drained = await router.DrainAsync("web", "v1", TimeSpan.FromSeconds(10), ct);
        await router.RemoveBackendAsync("web", "v1", ct);

        Assert.True(drained.Drained);
        Assert.Equal(new Dictionary<string, int> { ["web-v2"] = 100 }, StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web"));
        Assert.Equal(new Dictionary<string, int> { ["v2"] = 100 }, await router.GetWeightsAsync("web", ct));
        Assert.Null(cluster.Api.Store.Get<V1Service>(cluster.Namespace, "web-v1"));
        if (kind == TrafficRouterKind.Nginx)
            Assert.Null(cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, "web-canary"));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task AddBackend_Revision_ServiceSelectsOnlyThatRevisionsPods(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, kind, ct);

        await router.AddBackendAsync("web", Canary, ct);

        var service = cluster.Api.Store.Get<V1Service>(cluster.Namespace, "web-v2")!;
        Assert.Equal(new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "web", [ClusterRouting.DefaultRevisionLabel] = "v2" }, service.Spec.Selector);
        Assert.Equal("http", service.Spec.Ports.Single().TargetPort.Value);
        Assert.Equal(ApplyOptions.DefaultFieldManager, service.Metadata.ManagedFields.Single().Manager);
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task SetWeights_UnknownRevision_FailsNamingTheObject(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, kind, ct);
        await router.AddBackendAsync("web", Stable, ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => router.SetWeightsAsync("web", new Dictionary<string, int> { ["v9"] = 20 }, ct));

        Assert.Contains("no backend 'v9'", error.Message, StringComparison.Ordinal);
        Assert.Contains("web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NginxCanary_CopiesThePrimaryWithoutTlsAndKeepsItsAnnotations()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, TrafficRouterKind.Nginx, ct);
        await router.AddBackendAsync("web", Stable, ct);
        await router.AddBackendAsync("web", Canary, ct);
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 10, ["v1"] = 90 }, ct);

        var canary = cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, "web-canary")!;
        var primary = cluster.Api.Store.Get<V1Ingress>(cluster.Namespace, "web")!;
        Assert.Equal("web.example.com", canary.Spec.Rules.Single().Host);
        Assert.Null(canary.Spec.Tls);
        Assert.Equal("1m", canary.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);
        Assert.Equal("web-tls", primary.Spec.Tls.Single().SecretName);
        Assert.False(primary.Metadata.Annotations?.ContainsKey(NginxCanaryRouter.CanaryAnnotation) ?? false);
    }

    [Fact]
    public async Task MissingRoutingObject_AddBackend_SaysWhichObjectAndHowToGetIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = new OpenShiftRouteRouter(cluster.Routing);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => router.AddBackendAsync("web", Stable, ct));

        Assert.Contains("Route/web", error.Message, StringComparison.Ordinal);
        Assert.Contains("openshift", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task SetWeights_OneStep_ReadsEachRoutingObjectOnce(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var router = await SeedAsync(cluster, kind, ct);
        await router.AddBackendAsync("web", Stable, ct);
        await router.AddBackendAsync("web", Canary, ct);
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 10, ["v1"] = 90 }, ct);
        cluster.Api.RequestLog.Clear();

        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 50, ["v1"] = 50 }, ct);

        var reads = cluster.Api.RequestLog.All.Where(r => r.Method == "GET").Select(r => r.Path[(r.Path.LastIndexOf("/namespaces/", StringComparison.Ordinal) + 1)..]).ToList();
        var objects = kind switch
        {
            TrafficRouterKind.Nginx => new[] { "ingresses/web", "ingresses/web-canary" },
            TrafficRouterKind.Gateway => ["httproutes/web"],
            _ => ["routes/web"],
        };
        Assert.Equal(objects.Select(o => $"namespaces/{cluster.Namespace}/{o}").Order(StringComparer.Ordinal), reads.Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, int> { ["web-v1"] = 50, ["web-v2"] = 50 }, StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web"));
    }

    private static async Task<ITrafficRouter> SeedAsync(RoutingCluster cluster, TrafficRouterKind kind, CancellationToken ct)
    {
        switch (kind)
        {
            case TrafficRouterKind.Nginx:
                await cluster.ApplyAsync(RoutingObjects.IngressKind, RoutingObjects.Ingress("web", "web"), ct);
                return new NginxCanaryRouter(cluster.Routing);
            case TrafficRouterKind.Gateway:
                await cluster.ApplyAsync(RoutingObjects.HttpRouteKind, RoutingObjects.HttpRoute("web", "web"), ct);
                return new HttpRouteRouter(cluster.Routing);
            default:
                await cluster.ApplyAsync(RoutingObjects.RouteKind, RoutingObjects.Route("web", "web"), ct);
                return new OpenShiftRouteRouter(cluster.Routing);
        }
    }
}

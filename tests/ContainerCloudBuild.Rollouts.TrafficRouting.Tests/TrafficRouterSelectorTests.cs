using ContainerCloudBuild.Rollouts.TrafficRouting.GatewayApi;
using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using ContainerCloudBuild.Rollouts.TrafficRouting.OpenShift;
using ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;
using ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests;

public sealed class TrafficRouterSelectorTests
{
    private static readonly RoutableObject Ingress = new("networking.k8s.io/v1", "Ingress", "web", "nginx");
    private static readonly RoutableObject HttpRoute = new("gateway.networking.k8s.io/v1", "HTTPRoute", "web-route");
    private static readonly RoutableObject Route = new("route.openshift.io/v1", "Route", "web");

    [Fact]
    public void Choose_RenderWithRoute_OpenShift() =>
        Assert.Equal(TrafficRouterKind.OpenShift, TrafficRouterSelector.Choose("", [Ingress, Route]).Kind);

    [Fact]
    public void Choose_RenderWithHttpRoute_GatewayNamedAfterTheRoute()
    {
        var choice = TrafficRouterSelector.Choose(null, [Ingress, HttpRoute]);

        Assert.Equal(TrafficRouterKind.Gateway, choice.Kind);
        Assert.Equal("web-route", choice.ObjectName);
    }

    [Fact]
    public void Choose_RenderWithNginxIngress_Nginx() =>
        Assert.Equal(TrafficRouterKind.Nginx, TrafficRouterSelector.Choose("", [Ingress]).Kind);

    [Fact]
    public void Choose_IngressOfAnotherClass_ReplicasSayingWhy()
    {
        var choice = TrafficRouterSelector.Choose("", [Ingress with { IngressClass = "traefik" }]);

        Assert.Equal(TrafficRouterKind.Replicas, choice.Kind);
        Assert.Contains("'traefik', not nginx", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_ValuesSetRouter_WinsOverTheRender()
    {
        var choice = TrafficRouterSelector.Choose("replicas", [Route]);

        Assert.Equal(TrafficRouterKind.Replicas, choice.Kind);
        Assert.Equal("rollout.trafficRouter: replicas", choice.Reason);
    }

    [Fact]
    public void Parse_UnknownRouter_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => TrafficRouterSelector.Parse("istio"));

        Assert.Contains("nginx, gateway, openshift or replicas", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nginx", typeof(NginxCanaryRouter))]
    [InlineData("gateway", typeof(HttpRouteRouter))]
    [InlineData("openshift", typeof(OpenShiftRouteRouter))]
    [InlineData("replicas", typeof(ReplicaRatioRouter))]
    public async Task Factory_ValuesRouter_BuildsThatRouter(string configured, Type expected)
    {
        await using var cluster = await RoutingCluster.StartAsync(TestContext.Current.CancellationToken);

        var router = TrafficRouterFactory.Create(TrafficRouterSelector.Choose(configured, [Ingress, HttpRoute, Route]), cluster.Routing, cluster.Client, 2);

        Assert.IsType(expected, router);
    }
}

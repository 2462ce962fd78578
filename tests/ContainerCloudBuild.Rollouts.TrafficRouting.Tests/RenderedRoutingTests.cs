using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;
using ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests;

/// <summary>A service rendered from values and applied to the fake API server, then split by the router the render selects.</summary>
public sealed class RenderedRoutingTests
{
    [Theory]
    [InlineData("ingress:\n  enabled: true\n  host: web.example.com\n", TrafficRouterKind.Nginx)]
    [InlineData("ingress:\n  enabled: true\n  host: web.example.com\nopenshift:\n  enabled: true\n", TrafficRouterKind.OpenShift)]
    [InlineData("ingress:\n  enabled: true\n  host: web.example.com\ngateway:\n  enabled: true\n  parentName: public\n", TrafficRouterKind.Gateway)]
    public async Task AppliedRender_RouterFromTheRender_SplitsTrafficOfTheRenderedObject(string values, TrafficRouterKind expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var documents = await ServiceRender.RenderAsync(temp, "web", values, ct);
        await new ManifestApplier(cluster.KubeApi, cluster.Namespace, cluster.Output.Enqueue).ApplyAsync("web", documents, new ApplyOptions(), ct);

        var choice = TrafficRouterSelector.Choose("", documents);
        var router = TrafficRouterFactory.Create(choice, cluster.Routing, cluster.Client, totalReplicas: 2);
        await router.AddBackendAsync("web", new RevisionInfo { Revision = "v1", Image = "registry.example/web:1" }, ct);
        await router.AddBackendAsync("web", new RevisionInfo { Revision = "v2", Image = "registry.example/web:2" }, ct);
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 10, ["v1"] = 90 }, ct);

        Assert.Equal(expected, choice.Kind);
        Assert.Equal("web", choice.ObjectName);
        Assert.Equal(new Dictionary<string, int> { ["web-v1"] = 90, ["web-v2"] = 10 }, StoredWeights.Of(cluster.Api, cluster.Namespace, expected, "web"));
    }

    [Fact]
    public async Task RenderWithoutIngress_Replicas()
    {
        using var temp = new TempDirectory();
        var documents = await ServiceRender.RenderAsync(temp, "web", "", TestContext.Current.CancellationToken);

        var choice = TrafficRouterSelector.Choose(null, documents);

        Assert.Equal(TrafficRouterKind.Replicas, choice.Kind);
        Assert.Contains("no Route, HTTPRoute or Ingress", choice.Reason, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;
using ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests;

public sealed class ReplicaRatioRouterTests
{
    private static readonly ResourceKind DeploymentKind = ResourceKind.Find("apps/v1", "Deployment")!;

    [Theory]
    [InlineData(10, 10, 1, 9)]
    [InlineData(10, 50, 5, 5)]
    [InlineData(10, 100, 10, 0)]
    [InlineData(10, 0, 0, 10)]
    [InlineData(4, 10, 1, 3)]
    [InlineData(3, 50, 2, 1)]
    public void ReplicaSplit_Weights_CountsAddUpToTotal(int total, int canaryWeight, int canary, int stable)
    {
        var counts = ReplicaSplit.Of(new Dictionary<string, int> { ["v2"] = canaryWeight, ["v1"] = 100 - canaryWeight }, total);

        Assert.Equal(canary, counts["v2"]);
        Assert.Equal(stable, counts["v1"]);
    }

    [Fact]
    public async Task CanarySteps_ScaleRevisionsAndSayOnceThatWeightsAreApproximate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        await cluster.ApplyAsync(DeploymentKind, Deployment("web-v1", "v1", 4), ct);
        await cluster.ApplyAsync(DeploymentKind, Deployment("web-v2", "v2", 0), ct);
        var router = new ReplicaRatioRouter(cluster.Routing, cluster.Client, totalReplicas: 4);

        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 10, ["v1"] = 90 }, ct);
        Assert.Equal((3, 1), Replicas(cluster));
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 75, ["v2"] = 25 }, await router.GetWeightsAsync("web", ct));

        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 50, ["v1"] = 50 }, ct);
        Assert.Equal((2, 2), Replicas(cluster));
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 100, ["v1"] = 0 }, ct);
        Assert.Equal((0, 4), Replicas(cluster));
        await router.SetWeightsAsync("web", new Dictionary<string, int> { ["v2"] = 0, ["v1"] = 100 }, ct);
        Assert.Equal((4, 0), Replicas(cluster));

        var lines = cluster.Output.ToList();
        Assert.Equal(4, lines.Count);
        Assert.Single(lines, l => l.Contains("approximate", StringComparison.Ordinal));
        Assert.Contains("v2 1/4 pods = 25% (asked 10%)", lines[0], StringComparison.Ordinal);
        Assert.Contains("v1 3/4 pods = 75% (asked 90%)", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWeights_RevisionWithoutDeployment_FailsNamingTheLabels()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await RoutingCluster.StartAsync(ct);
        await cluster.ApplyAsync(DeploymentKind, Deployment("web-v1", "v1", 2), ct);
        var router = new ReplicaRatioRouter(cluster.Routing, cluster.Client, totalReplicas: 2);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => router.SetWeightsAsync("web", new Dictionary<string, int> { ["v3"] = 10 }, ct));

        Assert.Contains("revision 'v3'", error.Message, StringComparison.Ordinal);
        Assert.Contains(ClusterRouting.DefaultRevisionLabel + "=v3", error.Message, StringComparison.Ordinal);
    }

    private static (int Stable, int Canary) Replicas(RoutingCluster cluster) =>
        (cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "web-v1")!.Spec.Replicas ?? -1,
         cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "web-v2")!.Spec.Replicas ?? -1);

    private static JsonObject Deployment(string name, string revision, int replicas)
    {
        var labels = new JsonObject { ["app.kubernetes.io/instance"] = "web", [ClusterRouting.DefaultRevisionLabel] = revision };
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels.DeepClone() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "registry.example/web:" + revision }) },
                },
            },
        };
    }
}

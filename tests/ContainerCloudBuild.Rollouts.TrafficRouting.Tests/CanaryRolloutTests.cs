using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;
using ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;
using ContainerCloudBuild.Testing;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests;

/// <summary>The core's canary strategy (RolloutController) over each router against the fake API server; only the driver is a test double.</summary>
public sealed class CanaryRolloutTests
{
    public static TheoryData<TrafficRouterKind> Routers => [TrafficRouterKind.Nginx, TrafficRouterKind.Gateway, TrafficRouterKind.OpenShift, TrafficRouterKind.Replicas];

    private const int TotalReplicas = 10;

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Canary_SetWeight10Then50_CompletesAtHundredOnTheNewRevision(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var (controller, router) = await StableV1Async(cluster, temp, kind, ct);

        var result = await controller.StartCanaryAsync(Canary("v2", CanaryStep.SetWeight(10), CanaryStep.SetWeight(50)), ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([Split(kind, 10), Split(kind, 50), Split(kind, 100)], router.Observed);
        Assert.Equal(kind == TrafficRouterKind.Replicas ? new() { ["web-v2"] = TotalReplicas } : new Dictionary<string, int> { ["web-v2"] = 100 }, Observe(cluster, kind));
        Assert.Equal(new Dictionary<string, int> { ["v2"] = 100 }, await router.GetWeightsAsync("web", ct));
    }

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Canary_AbortAfter50_AllTrafficBackOnStableAndCanaryGone(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var (controller, router) = await StableV1Async(cluster, temp, kind, ct);

        // an analysis step without an analysis runner aborts the canary
        var result = await controller.StartCanaryAsync(Canary("v2", CanaryStep.SetWeight(10), CanaryStep.SetWeight(50), CanaryStep.Analysis("success-rate")), ct);

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Equal([Split(kind, 10), Split(kind, 50), Split(kind, 0)], router.Observed);
        Assert.Equal(kind == TrafficRouterKind.Replicas ? new() { ["web-v1"] = TotalReplicas } : new Dictionary<string, int> { ["web-v1"] = 100 }, Observe(cluster, kind));
        Assert.Null(cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "web-v2"));
        Assert.Null(cluster.Api.Store.Get<V1Service>(cluster.Namespace, "web-v2"));
    }

    [Theory]
    [InlineData(TrafficRouterKind.Nginx)]
    [InlineData(TrafficRouterKind.Gateway)]
    [InlineData(TrafficRouterKind.OpenShift)]
    public async Task PausedCanary_RenderedObjectReapplied_RestoreRoutingPutsTheSavedWeightsBack(TrafficRouterKind kind)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        await using var cluster = await RoutingCluster.StartAsync(ct);
        var (controller, _) = await StableV1Async(cluster, temp, kind, ct);
        var rollout = controller.StartCanaryAsync(Canary("v2", CanaryStep.SetWeight(10), CanaryStep.Pause()), ct);
        await PausedAsync(controller, ct); // the state saved at 10% (weights are set before the state is saved)

        await SeedAsync(cluster, kind, ct); // a deploy re-applies the rendered object: it routes to the service "web" again
        Assert.Contains("web", Observe(cluster, kind).Keys);
        var restored = await controller.RestoreRoutingAsync("web", ct);

        Assert.True(restored.Succeeded, restored.Message);
        Assert.Equal(Split(kind, 10), Observe(cluster, kind));
        Assert.True((await controller.AbortAsync("web", "test over", ct)).Succeeded);
        Assert.Equal(RolloutPhase.Aborted, (await rollout).Phase);
    }

    /// <summary>A controller over the router of <paramref name="kind"/> with v1 rolled out as the stable revision.</summary>
    private static async Task<(RolloutController Controller, ObservingRouter Router)> StableV1Async(RoutingCluster cluster, TempDirectory temp, TrafficRouterKind kind, CancellationToken ct)
    {
        await SeedAsync(cluster, kind, ct);
        var inner = TrafficRouterFactory.Create(new TrafficRouterChoice(kind, "web", "test"), cluster.Routing, cluster.Client, TotalReplicas);
        var driver = new SlotDeploymentDriver(cluster, kind == TrafficRouterKind.Replicas ? 1 : 2);
        var store = new FileRolloutStateStore(temp.Combine("state"), TimeProvider.System);
        var first = await new RolloutController(driver, inner, store, new RecordingRolloutEvents(), TimeProvider.System).StartCanaryAsync(Canary("v1"), ct);
        Assert.True(first.Succeeded, first.Message);
        var router = new ObservingRouter(inner, () => Observe(cluster, kind));
        return (new RolloutController(driver, router, store, new RecordingRolloutEvents(), TimeProvider.System), router);
    }

    private static async Task PausedAsync(RolloutController controller, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await controller.GetStatusAsync("web", ct)).State?.Phase != RolloutPhase.Paused)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The canary did not pause within 20 s.");
            await Task.Delay(20, ct);
        }
    }

    /// <summary>The rendered routing object (pointing at the service "web"), applied as a deploy applies it.</summary>
    private static async Task SeedAsync(RoutingCluster cluster, TrafficRouterKind kind, CancellationToken ct)
    {
        switch (kind)
        {
            case TrafficRouterKind.Nginx: await cluster.ApplyAsync(RoutingObjects.IngressKind, RoutingObjects.Ingress("web", "web"), ct); break;
            case TrafficRouterKind.Gateway: await cluster.ApplyAsync(RoutingObjects.HttpRouteKind, RoutingObjects.HttpRoute("web", "web"), ct); break;
            case TrafficRouterKind.OpenShift: await cluster.ApplyAsync(RoutingObjects.RouteKind, RoutingObjects.Route("web", "web"), ct); break;
        }
    }

    private static CanarySpec Canary(string revision, params CanaryStep[] steps) => new()
    {
        App = "web", Revision = revision, Workload = new WorkloadSpec { Image = "registry.example/web:" + revision }, Steps = steps, DrainTimeout = TimeSpan.FromSeconds(1),
    };

    /// <summary>What the cluster should say at a canary weight: Service weights in the routing object, or pods per Deployment.</summary>
    private static Dictionary<string, int> Split(TrafficRouterKind kind, int canary) => kind == TrafficRouterKind.Replicas
        ? new() { ["web-v1"] = TotalReplicas * (100 - canary) / 100, ["web-v2"] = TotalReplicas * canary / 100 }
        : new() { ["web-v1"] = 100 - canary, ["web-v2"] = canary };

    private static Dictionary<string, int> Observe(RoutingCluster cluster, TrafficRouterKind kind) => kind == TrafficRouterKind.Replicas
        ? cluster.Api.Store.List<V1Deployment>(cluster.Namespace).ToDictionary(d => d.Metadata.Name, d => d.Spec.Replicas ?? 1)
        : StoredWeights.Of(cluster.Api, cluster.Namespace, kind, "web");
}

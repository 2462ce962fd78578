using k8s;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Rollouts.Kubernetes.BlueGreen;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Rollouts.TrafficRouting;
using ContainerCloudBuild.Rollouts.TrafficRouting.Nginx;
using ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>
/// Blue-green and canary (replica ratio, ingress-nginx, Gateway API, OpenShift Route) with the same test code on the fake API server (always) and on the real cluster of
/// CCB_E2E_KUBECONFIG running CCB_E2E_HTTP_IMAGE (opt-in): what the objects in the cluster say at each step, read through the API.
/// </summary>
public sealed class RolloutsOnEitherClusterTests
{
    private const int PausedWeight = 30;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(ClusterNamespace.Kinds), MemberType = typeof(ClusterNamespace))]
    public async Task BlueGreen_AwaitingPromotion_PreviewSelectsTheAvailableSlotAndActiveSwitchesOnlyOnPromote(string kind)
    {
        await using var cluster = await ClusterNamespace.OpenAsync(kind, Ct);
        var target = cluster.Target();
        var first = await target.Controller.DeployBlueGreenAsync(cluster.BlueGreenOf("v1"), Ct);
        Assert.True(first.Succeeded, first.Message);

        var running = target.Controller.DeployBlueGreenAsync(cluster.BlueGreenOf("v2") with { AutoPromote = false }, Ct);
        await UntilAsync(cluster, running, () => cluster.Events.First(RolloutEventKind.AwaitingPromotion, "v2") is not null);
        var slot = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(RolloutLabels.Slot(App, "v2"), cluster.Namespace, cancellationToken: Ct);
        var preview = await cluster.Client.CoreV1.ReadNamespacedServiceAsync(BlueGreenServices.PreviewName(App), cluster.Namespace, cancellationToken: Ct);
        var activeWhileWaiting = await cluster.ActiveRevisionAsync(Ct);
        var promote = await cluster.Target().Controller.PromoteAsync(App, full: false, Ct);
        var result = await running;

        Assert.Equal(2, slot.Status.AvailableReplicas);
        Assert.Equal("v2", preview.Spec.Selector[RolloutLabels.Revision]);
        Assert.Equal("v1", activeWhileWaiting);
        Assert.True(promote.Succeeded, promote.Message);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2", await cluster.ActiveRevisionAsync(Ct));
        Assert.True(Index(cluster, RolloutEventKind.Healthy, "v2") < Index(cluster, RolloutEventKind.Switched, "v2"), "switched before the slot was healthy");
        Assert.Equal(["shop-v2"], await cluster.SlotNamesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(ClusterNamespace.Kinds), MemberType = typeof(ClusterNamespace))]
    public async Task BlueGreen_UndoWithinScaleDownDelay_ActiveServiceSwitchesBackAndNewSlotIsDeleted(string kind)
    {
        await using var cluster = await ClusterNamespace.OpenAsync(kind, Ct);
        var target = cluster.Target();
        var first = await target.Controller.DeployBlueGreenAsync(cluster.BlueGreenOf("v1"), Ct);
        Assert.True(first.Succeeded, first.Message);

        var running = target.Controller.DeployBlueGreenAsync(cluster.BlueGreenOf("v2", scaleDownDelay: TimeSpan.FromSeconds(60)), Ct);
        await UntilAsync(cluster, running, () => cluster.Events.First(RolloutEventKind.Switched, "v2") is not null);
        var activeAfterSwitch = await cluster.ActiveRevisionAsync(Ct);
        var slotsAfterSwitch = await cluster.SlotNamesAsync(Ct);
        var undo = await cluster.Target().Controller.UndoAsync(App, Ct);
        var result = await running;

        Assert.Equal("v2", activeAfterSwitch);
        Assert.Equal(["shop-v1", "shop-v2"], slotsAfterSwitch);
        Assert.True(undo.Succeeded, undo.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await UntilSlotsAsync(cluster, ["shop-v1"]));
    }

    [Theory]
    [MemberData(nameof(ClusterNamespace.Kinds), MemberType = typeof(ClusterNamespace))]
    public async Task Canary_ReplicaRatioPausedThenPromoted_PodsFollowTheStepThenAllGoToTheNewRevision(string kind)
    {
        await using var cluster = await ClusterNamespace.OpenAsync(kind, Ct);
        var router = ReplicaRouter(cluster);
        var first = await cluster.Target(router: router).Controller.StartCanaryAsync(CanaryTo(cluster, "v1"), Ct);
        Assert.True(first.Succeeded, first.Message);

        var running = cluster.Target(router: router).Controller.StartCanaryAsync(CanaryTo(cluster, "v2"), Ct);
        await UntilAsync(cluster, running, () => cluster.Events.First(RolloutEventKind.Paused, "v2") is not null);
        var paused = await cluster.SlotReplicasAsync(Ct);
        var promote = await cluster.Target(router: ReplicaRouter(cluster)).Controller.PromoteAsync(App, full: false, Ct);
        var result = await running;

        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 1, ["shop-v2"] = 1 }, paused);
        Assert.True(promote.Succeeded, promote.Message);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["shop-v2"], await UntilSlotsAsync(cluster, ["shop-v2"]));
        Assert.Equal(new Dictionary<string, int> { ["shop-v2"] = 2 }, await cluster.SlotReplicasAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(CanaryRouters.KindsAndRouters), MemberType = typeof(CanaryRouters))]
    public async Task Canary_RouterPausedWhileLeaseHeld_SecondProcessIsRefusedAndAbortReturnsTrafficToStable(string kind, string router)
    {
        await using var cluster = await ClusterNamespace.OpenAsync(kind, Ct);
        await CanaryRouters.RequireAsync(cluster, router, Ct);
        await CanaryRouters.ApplyRenderedAsync(cluster, router, Ct);
        var first = await RoutedTarget(cluster, router).Controller.StartCanaryAsync(CanaryTo(cluster, "v1"), Ct);
        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, await CanaryRouters.StoredWeightsAsync(cluster, router, Ct));

        var running = RoutedTarget(cluster, router).Controller.StartCanaryAsync(CanaryTo(cluster, "v2"), Ct);
        await UntilAsync(cluster, running, () => cluster.Events.First(RolloutEventKind.Paused, "v2") is not null);
        var paused = await CanaryRouters.StoredWeightsAsync(cluster, router, Ct);
        var other = RoutedTarget(cluster, router, FastLease with { HolderPrefix = "build-agent-7/4242" });
        var refused = await other.Controller.StartCanaryAsync(CanaryTo(cluster, "v3"), Ct);
        var abort = await other.Controller.AbortAsync(App, "operator said no", Ct);
        var result = await running;

        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 - PausedWeight, ["shop-v2"] = PausedWeight }, paused);
        Assert.False(refused.Succeeded);
        Assert.Contains($"running in process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);
        Assert.True(abort.Succeeded, abort.Message);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("operator said no", result.Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["shop-v1"] = 100 }, await CanaryRouters.StoredWeightsAsync(cluster, router, Ct));
        var ingresses = await cluster.Client.NetworkingV1.ListNamespacedIngressAsync(cluster.Namespace, cancellationToken: Ct);
        Assert.DoesNotContain(ingresses.Items, i => i.Metadata.Name == NginxCanaryRouter.CanaryName(App));
        var services = await cluster.Client.CoreV1.ListNamespacedServiceAsync(cluster.Namespace, cancellationToken: Ct);
        Assert.DoesNotContain(services.Items, s => s.Metadata.Name == "shop-v2");
        Assert.Equal(["shop-v1"], await UntilSlotsAsync(cluster, ["shop-v1"]));
    }

    private static CanarySpec CanaryTo(ClusterNamespace cluster, string version) => new()
    {
        App = App,
        Revision = version,
        Workload = cluster.WorkloadOf(version),
        Steps = [CanaryStep.SetWeight(PausedWeight), CanaryStep.Pause()],
        DrainTimeout = TimeSpan.FromSeconds(1),
    };

    private static KubernetesRolloutTarget RoutedTarget(ClusterNamespace cluster, string router, Kubernetes.State.LeaseSettings? lease = null) =>
        cluster.Target(lease: lease, router: CanaryRouters.Router(cluster, router));

    private static ReplicaRatioRouter ReplicaRouter(ClusterNamespace cluster) => new(new ClusterRouting
    {
        Api = new KubeApi(cluster.Client, cluster.Where),
        Namespace = cluster.Namespace,
        AppLabel = RolloutLabels.Instance,
        RevisionLabel = RolloutLabels.Revision,
    }, cluster.Client, totalReplicas: 2);

    private static int Index(ClusterNamespace cluster, RolloutEventKind kind, string revision)
    {
        var events = cluster.Events.Events;
        for (var i = 0; i < events.Count; i++)
            if (events[i].Kind == kind && events[i].Revision == revision)
                return i;
        Assert.Fail($"no {kind} event of {revision}: {string.Join(", ", cluster.Events.Kinds)}");
        return -1;
    }

    /// <summary>Waits for a step of the running rollout; fails with its result if it ended first.</summary>
    private static async Task UntilAsync(ClusterNamespace cluster, Task<RolloutResult> running, Func<bool> reached)
    {
        await Until.TrueAsync(() => reached() || running.IsCompleted, cluster.Patience);
        if (!reached())
            Assert.Fail($"the rollout ended before the expected step: {(await running).Message}; events: {string.Join(", ", cluster.Events.Kinds)}");
    }

    /// <summary>The slots once only <paramref name="expected"/> remain (a real cluster deletes Deployments in the background).</summary>
    private static async Task<IReadOnlyList<string>> UntilSlotsAsync(ClusterNamespace cluster, IReadOnlyList<string> expected)
    {
        var deadline = DateTimeOffset.UtcNow + cluster.Patience;
        while (true)
        {
            var slots = await cluster.SlotNamesAsync(Ct);
            if (slots.SequenceEqual(expected) || DateTimeOffset.UtcNow > deadline)
                return slots;
            await Task.Delay(100, Ct);
        }
    }
}

using k8s;
using ContainerCloudBuild.Rollouts.Kubernetes.BlueGreen;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>The core's blue-green strategy on a cluster: Deployment slots, the active Service's selector, state and Lease in the fake API server.</summary>
public sealed class BlueGreenOnClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<KubernetesRolloutTarget> StableV1Async(FakeClusterNamespace cluster, IAnalysisRunner? analysis = null)
    {
        var target = cluster.Target(analysis);
        var first = await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v1"), Ct);
        Assert.True(first.Succeeded, first.Message);
        return target;
    }

    [Fact]
    public async Task BlueGreen_PrePostAnalysisPass_ActiveServiceSwitchesAndPreviousSlotIsRetired()
    {
        await using var cluster = await StartAsync(Ct);
        var analysis = new ScriptedAnalysis(AnalysisVerdict.Successful, AnalysisVerdict.Successful);
        var target = await StableV1Async(cluster, analysis);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));

        var result = await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2") with { PrePromotionAnalysis = "pre", PostPromotionAnalysis = "post" }, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v2", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v2"], await cluster.SlotNamesAsync(Ct));
        Assert.Equal(["pre", "post"], analysis.Requests.Select(r => r.Template));
        Assert.Equal(0, analysis.Requests[0].CandidateWeight);
        Assert.Equal(100, analysis.Requests[1].CandidateWeight);
        Assert.Equal(new Dictionary<string, int> { ["v2"] = 100 }, await target.Router.GetWeightsAsync(App, Ct));
        var saved = await cluster.Target().Store.LoadAsync(App, Ct);
        Assert.Equal(RolloutPhase.Completed, saved!.Phase);
        Assert.Equal("v2", saved.Stable!.Revision);
        Assert.Null(await target.Store.GetLockOwnerAsync(App, Ct));
    }

    [Fact]
    public async Task BlueGreen_SlotDeployment_CarriesRevisionLabelsImageAndEnvironment()
    {
        await using var cluster = await StartAsync(Ct);
        await StableV1Async(cluster);

        var slot = await cluster.Client.AppsV1.ReadNamespacedDeploymentAsync("shop-v1", cluster.Namespace, cancellationToken: Ct);

        Assert.Equal("v1", slot.Spec.Selector.MatchLabels[RolloutLabels.Revision]);
        Assert.Equal("v1", slot.Spec.Template.Metadata.Labels[RolloutLabels.Revision]);
        Assert.Equal(2, slot.Spec.Replicas);
        var container = Assert.Single(slot.Spec.Template.Spec.Containers);
        Assert.Equal(Image("v1"), container.Image);
        Assert.Contains(container.Env, e => e.Name == "VERSION" && e.Value == "v1");
        Assert.Equal(2, slot.Status.AvailableReplicas);
    }

    [Fact]
    public async Task BlueGreen_PrePromotionAnalysisFails_ActiveServiceStaysAndCandidateSlotIsDeleted()
    {
        await using var cluster = await StartAsync(Ct);
        var target = await StableV1Async(cluster, new ScriptedAnalysis(AnalysisVerdict.Failed));

        var result = await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2") with { PrePromotionAnalysis = "pre" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("pre-promotion analysis 'pre' failed", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
    }

    [Fact]
    public async Task BlueGreen_PostPromotionAnalysisFails_SwitchIsUndoneToThePreviousSlot()
    {
        await using var cluster = await StartAsync(Ct);
        var target = await StableV1Async(cluster, new ScriptedAnalysis(AnalysisVerdict.Failed));

        var result = await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2") with { PostPromotionAnalysis = "post" }, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.NotNull(cluster.Events.First(RolloutEventKind.Switched, "v2"));
        Assert.NotNull(cluster.Events.First(RolloutEventKind.Undone, "v1"));
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
    }

    [Fact]
    public async Task BlueGreen_AwaitingPromotion_PreviewServiceSelectsCandidateAndAbortFromAnotherProcessRemovesIt()
    {
        await using var cluster = await StartAsync(Ct);
        var target = await StableV1Async(cluster);
        var running = target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2") with { AutoPromote = false }, Ct);
        await Until.TrueAsync(() => cluster.Events.First(RolloutEventKind.AwaitingPromotion, "v2") is not null, TimeSpan.FromSeconds(20));

        var preview = await cluster.Client.CoreV1.ReadNamespacedServiceAsync(BlueGreenServices.PreviewName(App), cluster.Namespace, cancellationToken: Ct);
        Assert.Equal("v2", preview.Spec.Selector[RolloutLabels.Revision]);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        var other = cluster.Target();
        var refused = await other.Controller.DeployBlueGreenAsync(BlueGreenTo("v3"), Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains($"running in process {Environment.ProcessId}", refused.Message, StringComparison.Ordinal);

        var abort = await other.Controller.AbortAsync(App, "operator said no", Ct);
        var result = await running;

        Assert.True(abort.Succeeded, abort.Message);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("operator said no", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
    }

    [Fact]
    public async Task BlueGreen_UndoWithinScaleDownDelay_ActiveServiceSwitchesBackAndNewSlotIsDeleted()
    {
        await using var cluster = await StartAsync(Ct);
        var target = await StableV1Async(cluster);
        var running = target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2", scaleDownDelay: TimeSpan.FromSeconds(60)), Ct);
        await Until.TrueAsync(() => cluster.Events.First(RolloutEventKind.Switched, "v2") is not null, TimeSpan.FromSeconds(20));
        Assert.Equal("v2", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1", "shop-v2"], await cluster.SlotNamesAsync(Ct));

        var undo = await cluster.Target().Controller.UndoAsync(App, Ct);
        var result = await running;

        Assert.True(undo.Succeeded, undo.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
    }

    [Fact]
    public async Task BlueGreen_CandidateCrashLoops_FailsWithExitCodeAndLogsAndStableKeepsServing()
    {
        await using var cluster = await StartAsync(Ct);
        var target = await StableV1Async(cluster);
        cluster.Api.Behaviour.For(cluster.Namespace, Image("v2")).CrashLoop(3, "loading config", "panic: missing DATABASE_URL");

        var result = await target.Controller.DeployBlueGreenAsync(BlueGreenTo("v2"), Ct);

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Failed, result.Phase);
        Assert.Contains("panic: missing DATABASE_URL", result.Message, StringComparison.Ordinal);
        Assert.Contains("CrashLoopBackOff", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
    }
}

using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Rollouts.Kubernetes;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary><c>Deploy --platform kubernetes --strategy blue-green</c> and the rollout commands of a DeployBuild against the fake API server.</summary>
public sealed class KubernetesBlueGreenBuildTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string? ActiveRevision(KubernetesBuildHarness h) =>
        h.Api.Store.Get<V1Service>(h.Namespace, "orders")?.Spec.Selector.TryGetValue(RolloutLabels.Revision, out var r) == true ? r : null;

    private static IReadOnlyList<string> Slots(KubernetesBuildHarness h) =>
        [.. h.Api.Store.List<V1Deployment>(h.Namespace).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Deploy_BlueGreenTwice_ActiveServiceSelectsTheNewSlotAndStatusAndHistoryComeFromTheCluster()
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, "rollout:\n  scaleDownDelaySeconds: 0\n");

        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "blue-green", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);
        var first = ActiveRevision(h);
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "blue-green", "--deploy-image", "registry.example/orders:2") == 0, h.Output.Text);
        var second = ActiveRevision(h);

        Assert.StartsWith("1-", first, StringComparison.Ordinal);
        Assert.StartsWith("2-", second, StringComparison.Ordinal);
        Assert.Equal([$"orders-{second}"], Slots(h));
        Assert.Equal("registry.example/orders:2", h.Api.Store.Get<V1Deployment>(h.Namespace, $"orders-{second}")!.Spec.Template.Spec.Containers[0].Image);
        Assert.Null(h.Api.Store.Get<V1Deployment>(h.Namespace, "orders"));
        var status = new MemoryBuildOutput();
        Assert.Equal(0, await h.RunAsync(status, Ct, "Status"));
        Assert.Contains("Completed", status.Text, StringComparison.Ordinal);
        Assert.Contains(second!, status.Text, StringComparison.Ordinal);
        var history = new MemoryBuildOutput();
        Assert.Equal(0, await h.RunAsync(history, Ct, "History"));
        Assert.Equal(2, history.Text.Split('\n').Count(l => l.Contains("Deploy ", StringComparison.Ordinal) && l.Contains(" ok ", StringComparison.Ordinal)));
        Assert.Equal(1, await h.RunAsync(new MemoryBuildOutput(), Ct, "Abort"));
    }

    [Fact]
    public async Task Undo_FromAnotherRunWithinTheScaleDownDelay_SwitchesTheActiveServiceBack()
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, "rollout:\n  scaleDownDelaySeconds: 60\n");
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "blue-green", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);
        var first = ActiveRevision(h);
        // The first revision has nothing to keep for undo, so the first Deploy ends at once; the second waits out the delay.
        var deploying = h.RunAsync(new MemoryBuildOutput(), Ct, "Deploy", "--strategy", "blue-green", "--deploy-image", "registry.example/orders:2");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (ActiveRevision(h) == first && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(50, Ct);
        Assert.NotEqual(first, ActiveRevision(h));

        var undo = new MemoryBuildOutput();
        var undoExit = await h.RunAsync(undo, Ct, "Undo");
        var deployExit = await deploying;

        Assert.True(undoExit == 0, undo.Text);
        Assert.Equal(1, deployExit);
        Assert.Equal(first, ActiveRevision(h));
        Assert.Equal([$"orders-{first}"], Slots(h));
    }
}

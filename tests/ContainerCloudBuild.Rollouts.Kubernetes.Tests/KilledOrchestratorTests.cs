using k8s;
using System.Text.Json;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Testing;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>A rollout process killed mid-rollout: its state and Lease stay in the cluster, so a new process reports and ends it consistently.</summary>
public sealed class KilledOrchestratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledMidRollout_NewProcessIsRefusedWhileLeaseIsHeld_ThenStatusAndAbortEndIt()
    {
        await using var cluster = await StartAsync(Ct);
        var first = await cluster.Target().Controller.DeployBlueGreenAsync(BlueGreenTo("v1"), Ct);
        Assert.True(first.Succeeded, first.Message);
        using var temp = new TempDirectory("ccb-k8s-child");
        var specPath = temp.Combine("spec.json");
        await File.WriteAllTextAsync(specPath, JsonSerializer.Serialize(BlueGreenTo("v2") with { AutoPromote = false }, RolloutJson.Options), Ct);
        var logPath = temp.Combine("child.log");

        using var child = RolloutChild.Start(cluster.Api.BaseAddress, cluster.Namespace, specPath, logPath);
        var observer = cluster.Target();
        await WaitForAsync(async () => (await observer.Store.LoadAsync(App, Ct))?.Phase == RolloutPhase.Paused, TimeSpan.FromSeconds(60), logPath);
        var owner = await observer.Store.GetLockOwnerAsync(App, Ct);
        Assert.NotNull(owner);
        Assert.Equal(child.Id, owner.ProcessId);
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(Ct);

        var refused = await observer.Controller.DeployBlueGreenAsync(BlueGreenTo("v3"), Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains($"running in process {child.Id}", refused.Message, StringComparison.Ordinal);
        var status = await observer.Controller.GetStatusAsync(App, Ct);
        Assert.Equal(RolloutPhase.Paused, status.State!.Phase);
        Assert.Equal("v2", status.State.Candidate!.Revision);
        Assert.Contains(status.Revisions, r => r.Revision == "v2");
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));

        await WaitForAsync(async () => await observer.Store.GetLockOwnerAsync(App, Ct) is null, FastLease.Duration * 3, logPath);
        Assert.True((await observer.Controller.GetStatusAsync(App, Ct)).IsOrphaned);
        var abort = await observer.Controller.AbortAsync(App, "the orchestrator died", Ct);

        Assert.True(abort.Succeeded, abort.Message);
        Assert.Equal(RolloutPhase.Aborted, abort.Phase);
        Assert.Equal("v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(["shop-v1"], await cluster.SlotNamesAsync(Ct));
        Assert.Equal(RolloutPhase.Aborted, (await observer.Store.LoadAsync(App, Ct))!.Phase);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string logPath)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"Condition not met within {timeout.TotalSeconds:0}s; child log:\n{(File.Exists(logPath) ? await File.ReadAllTextAsync(logPath, Ct) : "(none)")}");
            await Task.Delay(50, Ct);
        }
    }
}

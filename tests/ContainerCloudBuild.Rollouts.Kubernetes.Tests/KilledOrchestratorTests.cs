using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using ContainerCloudBuild.Testing;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>
/// A rollout process killed mid-rollout (blue-green before its switch, canary through ingress-nginx at a paused step): its state
/// and Lease stay in the cluster, so another process is refused while the Lease lasts, and new processes report and end it.
/// </summary>
public sealed class KilledOrchestratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<RolloutStrategy> Strategies => [RolloutStrategy.BlueGreen, RolloutStrategy.Canary];

    [Theory]
    [MemberData(nameof(Strategies))]
    public async Task KilledMidRollout_NewProcessIsRefusedWhileLeaseIsHeld_ThenStatusAndAbortFromNewProcessesEndIt(RolloutStrategy strategy)
    {
        var scenario = CrashScenario.For(strategy);
        await using var cluster = await StartAsync(Ct);
        await scenario.PrepareAsync(cluster, Ct);
        using var temp = new TempDirectory("ccb-k8s-child");
        var logPath = temp.Combine("rollout.log");

        using var child = RolloutChild.Start(cluster, strategy, temp.Combine("rollout.json"), logPath, "start", "v2");
        var observer = cluster.Target(router: scenario.Router(cluster.Client, cluster.Namespace));
        await WaitForAsync(async () => (await observer.Store.LoadAsync(App, Ct))?.Phase == RolloutPhase.Paused, TimeSpan.FromSeconds(60), logPath);
        var owner = await observer.Store.GetLockOwnerAsync(App, Ct);
        Assert.NotNull(owner);
        Assert.Equal(child.Id, owner.ProcessId);
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(Ct);

        var refused = await scenario.StartPausedAsync(observer.Controller, "v3", Ct);
        Assert.False(refused.Succeeded);
        Assert.Contains($"running in process {child.Id} on {Environment.MachineName}", refused.Message, StringComparison.Ordinal);

        await WaitForAsync(async () => await observer.Store.GetLockOwnerAsync(App, Ct) is null, FastLease.Duration * 3, logPath);
        var status = await RolloutChild.RunToEndAsync<RolloutStatus>(cluster, strategy, temp.Path, "status", Ct, "status");
        Assert.True(status.IsOrphaned);
        Assert.Equal(strategy, status.State!.Strategy);
        Assert.Equal(RolloutPhase.Paused, status.State.Phase);
        Assert.Equal("v2", status.State.Candidate!.Revision);
        Assert.Equal("v1", status.State.Stable!.Revision);
        Assert.Equal(["v1", "v2"], status.Revisions.Select(r => r.Revision).Order(StringComparer.Ordinal));
        await scenario.AssertPausedAsync(cluster, status, Ct);

        var abort = await RolloutChild.RunToEndAsync<RolloutResult>(cluster, strategy, temp.Path, "abort", Ct, "abort", "the orchestrator died");

        Assert.True(abort.Succeeded, abort.Message);
        Assert.Equal(RolloutPhase.Aborted, abort.Phase);
        Assert.Equal(RolloutPhase.Aborted, (await observer.Store.LoadAsync(App, Ct))!.Phase);
        Assert.Null(await observer.Store.GetLockOwnerAsync(App, Ct));
        await scenario.AssertAbortedAsync(cluster, Ct);
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

using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;
using static ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support.FakeClusterNamespace;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>A waiting rollout on a cluster takes Promote/Abort from a watch on its commands ConfigMap, not from a poll.</summary>
public sealed class CommandWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A poll this slow would never see the command within the test: only the watch can deliver it.</summary>
    private static readonly RolloutControllerOptions NeverPolls = new()
    {
        CommandPollInterval = TimeSpan.FromMinutes(10), CommandResyncInterval = TimeSpan.FromMinutes(10), CommandAckTimeout = TimeSpan.FromSeconds(20),
    };

    [Theory(Timeout = 90_000)]
    [InlineData(RolloutCommandKind.Promote)]
    [InlineData(RolloutCommandKind.Abort)]
    public async Task PausedRollout_CommandPostedFromAnotherTarget_ActedOnFromTheWatchWithoutReadingTheCommandsAgain(RolloutCommandKind kind)
    {
        await using var cluster = await StartAsync(Ct);
        Assert.True((await cluster.Target().Controller.DeployBlueGreenAsync(BlueGreenTo("v1"), Ct)).Succeeded);
        var running = KubernetesRolloutTarget.Create(cluster.Client, cluster.Namespace, "fake cluster", cluster.Options() with { Controller = NeverPolls });
        var rollout = running.Controller.DeployBlueGreenAsync(BlueGreenTo("v2") with { AutoPromote = false }, Ct);
        var other = cluster.Target();
        while ((await other.Store.LoadAsync(App, Ct))?.Phase != RolloutPhase.Paused)
        {
            if (rollout.IsCompleted)
                Assert.Fail($"The rollout ended before pausing: {(await rollout).Message}");
            await Task.Delay(20, Ct);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var readsWhenWaiting = CommandReads(cluster);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct); // longer than a progress tick: the wait goes on without reading the commands
        var readsAfterWaiting = CommandReads(cluster);

        var sent = kind == RolloutCommandKind.Promote
            ? await other.Controller.PromoteAsync(App, full: false, Ct)
            : await other.Controller.AbortAsync(App, "test", Ct);
        var result = await rollout;

        Assert.True(sent.Succeeded, sent.Message);
        Assert.Contains("applied by the running process", sent.Message, StringComparison.Ordinal);
        Assert.Equal(kind == RolloutCommandKind.Promote ? RolloutPhase.Completed : RolloutPhase.Aborted, result.Phase);
        Assert.Equal(kind == RolloutCommandKind.Promote ? "v2" : "v1", await cluster.ActiveRevisionAsync(Ct));
        Assert.Equal(readsWhenWaiting, readsAfterWaiting);
        Assert.Contains(cluster.Api.RequestLog.All, r => r.Path.EndsWith("/configmaps", StringComparison.Ordinal) && r.Query.Contains("watch=", StringComparison.Ordinal));
    }

    private static int CommandReads(FakeClusterNamespace cluster) =>
        cluster.Api.RequestLog.All.Count(r => r.Method == "GET" && r.Path.EndsWith("/configmaps/" + ClusterRolloutStateStore.CommandsName(App), StringComparison.Ordinal));
}

using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class BlueGreenUnderLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BlueGreen_PromotedFromSecondTarget_ZeroFailuresAllLaterRequestsOnNewAndOldDrainedBeforeStop()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(40));

        var spec = new BlueGreenSpec
        {
            App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2"), AutoPromote = false,
            ScaleDownDelay = TimeSpan.FromSeconds(2), DrainTimeout = TimeSpan.FromSeconds(5),
        };
        var rollout = stack.Controller.DeployBlueGreenAsync(spec, Ct);
        await Until.TrueAsync(() => stack.Events.First(RolloutEventKind.AwaitingPromotion) is not null || rollout.IsCompleted, TimeSpan.FromSeconds(30));
        await Task.Delay(1000, Ct); // load on v1 with v2 standing by
        using var secondShell = stack.NewTarget();
        var status = await secondShell.Controller.GetStatusAsync(stack.App, Ct);
        var promoteAtMs = load.NowMs;
        var promote = await secondShell.Controller.PromoteAsync(stack.App, full: false, Ct);
        var result = await rollout;
        await Task.Delay(500, Ct);
        var samples = await load.StopAsync();

        Assert.True(promote.Succeeded, promote.Message);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Paused, status.State!.Phase);
        Assert.NotNull(status.RunningIn);
        LoadAssert.NoFailures(samples);
        var switchedMs = load.ToMs(stack.Events.First(RolloutEventKind.Switched)!.At);
        Assert.All(samples.Where(s => s.StartMs > switchedMs + 5), s => Assert.Equal("v2", s.Body));
        Assert.Contains(samples, s => s.Body == "v1");
        Assert.True(samples.Count(s => s.StartMs > switchedMs) > 200, "load kept running after the switch");
        var drained = stack.Events.First(RolloutEventKind.Drained, "v1")!;
        Assert.StartsWith("no in-flight requests", drained.Message, StringComparison.Ordinal);
        Assert.True(drained.At <= stack.Events.First(RolloutEventKind.Stopped, "v1")!.At);
        Assert.Equal(["v2"], (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));

        var lastV1 = samples.Where(s => s.Body == "v1").Max(s => s.StartMs);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"MEASURE blue-green: {samples.Count} requests, {samples.Count(s => s.Failed)} failed; Promote->100% v2: {lastV1 - promoteAtMs:0} ms");
    }

    [Fact]
    public async Task Undo_RightAfterSwitch_ReturnsTrafficWithinOneSecondWithZeroFailures()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(40));
        var spec = new BlueGreenSpec { App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2"), ScaleDownDelay = TimeSpan.FromSeconds(60) };
        var rollout = stack.Controller.DeployBlueGreenAsync(spec, Ct);
        await Until.TrueAsync(() => stack.Events.First(RolloutEventKind.Switched) is not null || rollout.IsCompleted, TimeSpan.FromSeconds(30));
        await Task.Delay(300, Ct);

        using var secondShell = stack.NewTarget();
        var undoAtMs = load.NowMs;
        var undo = await secondShell.Controller.UndoAsync(stack.App, Ct);
        var result = await rollout;
        await Task.Delay(1500, Ct);
        var samples = await load.StopAsync();

        Assert.True(undo.Succeeded, undo.Message);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        LoadAssert.NoFailures(samples);
        Assert.Contains(samples, s => s.Body == "v2" && s.StartMs < undoAtMs);
        var lastV2 = samples.Where(s => s.Body == "v2").Max(s => s.StartMs);
        Assert.True(lastV2 - undoAtMs < 1000, $"v2 still answered {lastV2 - undoAtMs:0} ms after Undo");
        Assert.All(samples.Where(s => s.StartMs > undoAtMs + 1000), s => Assert.Equal("v1", s.Body));
        Assert.Equal(["v1"], (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));
        TestContext.Current.TestOutputHelper?.WriteLine($"MEASURE undo: traffic back on v1 {Math.Max(0, lastV2 - undoAtMs):0} ms after Undo; {samples.Count} requests, 0 failed");
    }

    [Fact]
    public async Task BlueGreen_TwoReplicasUnderLoad_ZeroFailuresBothNewReplicasServeEvenlyAndStatusShowsTwoOfTwo()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct, replicas: 2);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(40));
        await Task.Delay(1000, Ct);
        var spec = new BlueGreenSpec
        {
            App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2", replicas: 2),
            ScaleDownDelay = TimeSpan.FromSeconds(1), DrainTimeout = TimeSpan.FromSeconds(5),
        };

        var result = await stack.Controller.DeployBlueGreenAsync(spec, Ct);
        await Task.Delay(2000, Ct);
        var samples = await load.StopAsync();

        Assert.True(result.Succeeded, result.Message);
        LoadAssert.NoFailures(samples);
        var switchedMs = load.ToMs(stack.Events.First(RolloutEventKind.Switched)!.At);
        Assert.All(samples.Where(s => s.StartMs > switchedMs + 5), s => Assert.Equal("v2", s.Body));
        Assert.Equal(2, result.State!.Stable!.ReplicaAddresses.Distinct().Count());
        Assert.Equal(["v2", "v2"], (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));
        var servers = await stack.Target.Router.RevisionServersAsync(stack.App, Ct);
        Assert.Equal(["v2"], servers.Keys);
        Assert.Equal([50, 50], servers["v2"].Select(s => s.Weight));
        var answers = await stack.AnswersPerServerAsync(Ct);
        Assert.All(answers, a => Assert.True(a.Value > 150, $"replica server {a.Key} answered only {a.Value} requests"));
        var balance = (double)answers.Values.Min() / answers.Values.Max();
        Assert.True(balance > 0.8, $"the two replicas answered {string.Join(" and ", answers.Values)} requests");
        var status = RolloutStatusText.Format(await stack.Controller.GetStatusAsync(stack.App, Ct));
        Assert.Contains("(2/2 replicas running)", status, StringComparison.Ordinal);
        Assert.Contains(stack.Events.Events, e => e.Kind == RolloutEventKind.Healthy && e.Message.Contains("all 2 replicas", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"MEASURE blue-green 2 replicas: {samples.Count} requests, {samples.Count(s => s.Failed)} failed; answers per v2 replica: {string.Join(", ", answers.Select(a => $"{a.Key}={a.Value}"))}");
    }
}

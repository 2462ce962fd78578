using System.Text.Json;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class KilledOrchestratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Canary_OrchestratorSigkilledMidway_NextRunSeesItAndResumeOrAbortEndConsistent(bool resume)
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        var spec = new CanarySpec
        {
            App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2"), DrainTimeout = TimeSpan.FromSeconds(5),
            Steps = [CanaryStep.SetWeight(30), CanaryStep.Pause(TimeSpan.FromSeconds(6)), CanaryStep.SetWeight(60), CanaryStep.Pause(TimeSpan.FromSeconds(1))],
        };
        var specPath = stack.Temp.WriteFile("canary.json", JsonSerializer.Serialize(spec, RolloutJson.Options));
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(60));

        using var child = RolloutChild.Start(stack.StateDirectory, stack.HaproxySocket, specPath, stack.Temp.Combine("child.log"));
        try
        {
            await Until.TrueAsync(() => StateOf(stack) is { PausedUntil: not null } || child.HasExited, TimeSpan.FromSeconds(60));
            Assert.False(child.HasExited, "the child ended early: " + DaemonLog(stack));
        }
        finally
        {
            child.Kill(); // SIGKILL: no cleanup, no lock release
            await child.WaitForExitAsync(Ct);
        }
        await Task.Delay(500, Ct); // traffic keeps flowing with nobody in charge

        var status = await stack.Controller.GetStatusAsync(stack.App, Ct);
        Assert.True(status.IsOrphaned, "the killed run's rollout should be reported as in progress with no live owner");
        Assert.Equal(RolloutPhase.Progressing, status.State!.Phase);
        Assert.Equal("v2", status.State.Candidate!.Revision);
        Assert.Equal(30, status.State.CandidateWeight);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 70, ["v2"] = 30 }, status.Weights);
        Assert.Equal(["v1", "v2"], status.Revisions.Select(r => r.Revision).Order());
        var blocked = await stack.Controller.StartCanaryAsync(spec with { Revision = "v3" }, Ct);
        Assert.False(blocked.Succeeded);
        Assert.Contains("ResumeAsync", blocked.Message, StringComparison.Ordinal);

        var result = resume
            ? await stack.Controller.ResumeAsync(stack.App, Ct)
            : await stack.Controller.AbortAsync(stack.App, "orchestrator was killed", Ct);
        await Task.Delay(300, Ct);
        var samples = await load.StopAsync();

        LoadAssert.NoFailures(samples);
        var expected = resume ? "v2" : "v1";
        Assert.Equal(resume ? RolloutPhase.Completed : RolloutPhase.Aborted, result.Phase);
        Assert.Equal(expected, StateOf(stack)!.Stable!.Revision);
        Assert.Equal(new Dictionary<string, int> { [expected] = 100 }, await stack.Target.Router.GetWeightsAsync(stack.App, Ct));
        Assert.Equal([expected], (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));
        var endMs = load.ToMs(StateOf(stack)!.UpdatedAt);
        Assert.All(samples.Where(s => s.StartMs > endMs + 5), s => Assert.Equal(expected, s.Body));
        if (resume)
            Assert.Contains(samples, s => s.Body == "v2" && s.StartMs < endMs - 1000);
        TestContext.Current.TestOutputHelper?.WriteLine($"MEASURE sigkill+{(resume ? "resume" : "abort")}: {samples.Count} requests, {samples.Count(s => s.Failed)} failed");
    }

    private static RolloutState? StateOf(RolloutStack stack) =>
        File.Exists(stack.Target.Store.StatePath(stack.App))
            ? JsonSerializer.Deserialize<RolloutState>(File.ReadAllText(stack.Target.Store.StatePath(stack.App)), RolloutJson.Options)
            : null;

    private static string DaemonLog(RolloutStack stack) => File.Exists(stack.Temp.Combine("child.log")) ? File.ReadAllText(stack.Temp.Combine("child.log")) : "";
}

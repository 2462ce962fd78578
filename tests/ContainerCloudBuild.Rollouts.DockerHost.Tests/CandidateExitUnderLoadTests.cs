using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class CandidateExitUnderLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, "candidate v2 container exited")]
    [InlineData(2, "candidate v2 replica 1 of 2 (ccb-{0}-v2-1) container exited")]
    public async Task Canary_CandidateContainerKilledAt20Percent_AbortsNamingTheExitFirst(int replicas, string who)
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct, replicas);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 100, TimeSpan.FromSeconds(60));
        var spec = new CanarySpec
        {
            App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2", replicas: replicas), DrainTimeout = TimeSpan.FromSeconds(2),
            Steps = [CanaryStep.SetWeight(20), CanaryStep.Pause(TimeSpan.FromSeconds(4)), CanaryStep.SetWeight(50), CanaryStep.Pause(TimeSpan.FromSeconds(4))],
        };

        var rollout = stack.Controller.StartCanaryAsync(spec, Ct);
        await Until.TrueAsync(() => stack.Events.Events.Any(e => e.Kind == RolloutEventKind.Paused), TimeSpan.FromSeconds(30));
        await stack.Target.Docker.Containers.KillContainerAsync(DockerLabels.ContainerName(stack.App, "v2", replicas - 1), new ContainerKillParameters { Signal = "SIGKILL" }, Ct);
        var result = await rollout;
        await Task.Delay(300, Ct);
        var samples = await load.StopAsync();

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"MEASURE killed canary: {samples.Count} requests, {samples.Count(s => s.Failed)} failed; reason: {result.Message}");
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.StartsWith($"Aborted: {string.Format(System.Globalization.CultureInfo.InvariantCulture, who, stack.App)} with code 137 (killed, OOM: no) at ", result.Message, StringComparison.Ordinal);
        LoadAssert.NoFailures(samples);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(Enumerable.Repeat("v1", replicas), (await stack.ContainersAsync(Ct)).Select(c => c.Labels[DockerLabels.Revision]));
        Assert.DoesNotContain(stack.Events.Events, e => e.Kind == RolloutEventKind.WeightSet && e.Message.Contains("canary 50%", StringComparison.Ordinal));
    }
}

using ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests;

[Collection(RealStackCollection.Name)]
public sealed class CanaryUnderLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Canary_Steps_MoveMeasuredTrafficShareWithinToleranceWithZeroFailures(int replicas)
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct, replicas);
        var v2 = await stack.ImageAsync("v2", healthy: true, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(60));
        var spec = new CanarySpec
        {
            App = stack.App, Revision = "v2", Workload = stack.Workload(v2, "v2", replicas: replicas), DrainTimeout = TimeSpan.FromSeconds(5),
            Steps = [CanaryStep.SetWeight(20), CanaryStep.Pause(TimeSpan.FromSeconds(4)), CanaryStep.SetWeight(50), CanaryStep.Pause(TimeSpan.FromSeconds(4))],
        };

        var result = await stack.Controller.StartCanaryAsync(spec, Ct);
        await Task.Delay(500, Ct);
        var samples = await load.StopAsync();

        Assert.True(result.Succeeded, result.Message);
        LoadAssert.NoFailures(samples);
        var weightEvents = stack.Events.Events.Where(e => e.Kind == RolloutEventKind.WeightSet).ToList();
        var pauseEnds = stack.Events.Events.Where(e => e.Kind == RolloutEventKind.PauseEnded).ToList();
        var output = TestContext.Current.TestOutputHelper;
        foreach (var (weight, index) in new[] { (20, 0), (50, 1) })
        {
            var from = load.ToMs(weightEvents[index].At) + 100;
            var to = load.ToMs(pauseEnds[index].At) - 50;
            // Sent and answered inside the step: the router's choice was made at this weight even if the client queued requests.
            var window = samples.Where(s => s.StartMs > from && s.EndMs < to).ToList();
            var share = 100.0 * window.Count(s => s.Body == "v2") / window.Count;
            output?.WriteLine($"MEASURE canary ({replicas} replicas) setWeight {weight}: {share:0.0}% of {window.Count} requests answered by v2");
            Assert.True(window.Count > 300, $"only {window.Count} requests measured at {weight}%");
            Assert.True(Math.Abs(share - weight) <= 5,
                $"{share:0.0}% of {window.Count} requests answered by v2 at setWeight {weight} (tolerance 5); HAProxy's log:\n{stack.HaproxyLog}");
        }
        var completedMs = load.ToMs(weightEvents[^1].At);
        Assert.All(samples.Where(s => s.StartMs > completedMs + 5), s => Assert.Equal("v2", s.Body));
        Assert.Equal(Enumerable.Repeat("v2", replicas), (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));
        var answers = await stack.AnswersPerServerAsync(Ct);
        Assert.Equal(Enumerable.Range(0, replicas).Select(i => $"v2:{i}"), answers.Keys.Order(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.True(a.Value > 150, $"replica server {a.Key} answered only {a.Value} requests"));
        output?.WriteLine($"MEASURE canary ({replicas} replicas): {samples.Count} requests, {samples.Count(s => s.Failed)} failed; answers per v2 replica: " +
            string.Join(", ", answers.Select(a => $"{a.Key}={a.Value}")));
    }

    [Fact]
    public async Task BlueGreen_NeverHealthy_FailsWithContainerLogsWhileStableServesWithZeroFailures()
    {
        await using var stack = await RolloutStack.StartAsync(Ct);
        await stack.DeployStableAsync("v1", Ct);
        var bad = await stack.ImageAsync("v2", healthy: false, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 200, TimeSpan.FromSeconds(30));
        var spec = new BlueGreenSpec { App = stack.App, Revision = "v2", Workload = stack.Workload(bad, "v2", deadline: TimeSpan.FromSeconds(3)) };

        var result = await stack.Controller.DeployBlueGreenAsync(spec, Ct);
        await Task.Delay(300, Ct);
        var samples = await load.StopAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Failed, result.Phase);
        Assert.Contains("never became healthy", result.Message, StringComparison.Ordinal);
        Assert.Contains("response:404", result.Message, StringComparison.Ordinal); // the container's own log lines
        LoadAssert.NoFailures(samples);
        Assert.All(samples, s => Assert.Equal("v1", s.Body));
        Assert.True(samples.Count > 400);
        Assert.Equal(["v1"], (await stack.ContainersAsync(Ct)).Select(c => c.Labels[Docker.DockerLabels.Revision]));
        var weights = await stack.Target.Router.GetWeightsAsync(stack.App, Ct);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 }, weights);
    }
}

using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class RoutingAndStatusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RestoreRouting_AfterRouterLostItsServers_ReappliesStableAndCanaryWeights()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(30), CanaryStep.Pause()), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Paused));
        await h.Router.RemoveBackendAsync("hello", "v1", Ct);
        await h.Router.RemoveBackendAsync("hello", "v2", Ct); // e.g. HAProxy restarted

        var result = await h.Controller().RestoreRoutingAsync("hello", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 70, ["v2"] = 30 }, h.Router.Weights);
        await h.DriveAsync(h.Controller().AbortAsync("hello", "done", Ct));
        await h.DriveAsync(run);
    }

    [Fact]
    public async Task Format_PausedCanary_ShowsOwnerStepWeightsAndRevisions()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(30), CanaryStep.Pause()), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Paused));

        var text = RolloutStatusText.Format(await h.Controller().GetStatusAsync("hello", Ct));

        Assert.Contains("hello: Canary Paused", text, StringComparison.Ordinal);
        Assert.Contains("running in pid 4242", text, StringComparison.Ordinal);
        Assert.Contains("step 2/2: pause until promoted", text, StringComparison.Ordinal);
        Assert.Contains("router weights: v1=70, v2=30", text, StringComparison.Ordinal);
        Assert.Contains("candidate: v2", text, StringComparison.Ordinal);
        await h.DriveAsync(h.Controller().AbortAsync("hello", "done", Ct));
        await h.DriveAsync(run);
    }

    [Fact]
    public async Task Format_TwoReplicaRevisions_ShowsEveryReplicaAddressAndHowManyRun()
    {
        var h = new Harness();
        var result = await h.DriveAsync(h.Controller().DeployBlueGreenAsync(
            Harness.BlueGreen("v1") with { Workload = Harness.Workload("v1") with { Replicas = 2 } }, Ct));
        Assert.True(result.Succeeded, result.Message);

        var text = RolloutStatusText.Format(await h.Controller().GetStatusAsync("hello", Ct));

        Assert.Matches(@"stable:    v1 \S+ at 127\.0\.0\.1:\d+, 127\.0\.0\.1:\d+ \(2/2 replicas running\)", text);
    }
}

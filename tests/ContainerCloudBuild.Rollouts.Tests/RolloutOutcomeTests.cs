using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

/// <summary>The event that ends a rollout carries its typed outcome; no other event does.</summary>
public sealed class RolloutOutcomeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeployBlueGreen_Completed_LastEventCarriesCompletedOutcomeOfTheNewRevision()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var seeded = h.Events.Events.Count;

        await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        var outcomes = h.Events.Events.Skip(seeded).Where(e => e.Outcome is not null).ToList();
        var end = Assert.Single(outcomes);
        Assert.Equal(RolloutEventKind.Completed, end.Kind);
        Assert.Equal(new RolloutOutcome("hello", "v2", RolloutPhase.Completed), end.Outcome);
        Assert.True(end.Outcome!.Succeeded);
        Assert.Same(end, h.Events.Events[^1]);
    }

    [Fact]
    public async Task StartCanary_FailedAnalysis_AbortedOutcomeNamesTheCandidate()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var seeded = h.Events.Events.Count;

        await h.DriveAsync(h.Controller(new FakeAnalysisRunner(AnalysisVerdict.Failed))
            .StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(30), CanaryStep.Analysis("success-rate")), Ct));

        var end = Assert.Single(h.Events.Events.Skip(seeded), e => e.Outcome is not null);
        Assert.Equal(RolloutEventKind.Aborted, end.Kind);
        Assert.Equal(new RolloutOutcome("hello", "v2", RolloutPhase.Aborted), end.Outcome);
        Assert.False(end.Outcome!.Succeeded);
        Assert.True(end.Kind.IsError());
    }

    [Fact]
    public async Task DeployBlueGreen_NeverHealthy_FailedOutcomeAndErrorKinds()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var seeded = h.Events.Events.Count;
        h.Driver.Unhealthy.Add("v2");

        await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        Assert.Equal(new RolloutOutcome("hello", "v2", RolloutPhase.Failed), Assert.Single(h.Events.Events.Skip(seeded), e => e.Outcome is not null).Outcome);
        Assert.Equal([RolloutEventKind.HealthFailed, RolloutEventKind.Failed], h.Events.Kinds.Skip(seeded).Where(k => k.IsError()));
    }
}

using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class CanaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CanaryStep[] ThreeSteps =
    [
        CanaryStep.SetWeight(20), CanaryStep.Pause(TimeSpan.FromSeconds(10)),
        CanaryStep.SetWeight(50), CanaryStep.Pause(TimeSpan.FromSeconds(10)),
    ];

    [Fact]
    public async Task StartCanary_Steps_MoveWeightsInOrderAndCompletionMakesCanaryStable()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");

        var result = await h.DriveAsync(h.Controller().StartCanaryAsync(Harness.Canary("v2", ThreeSteps), Ct));

        Assert.True(result.Succeeded, result.Message);
        var canaryWeights = h.Router.History.Where(w => w.ContainsKey("v2")).Select(w => w["v2"]).Distinct().ToList();
        Assert.Equal([20, 50, 100], canaryWeights);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        Assert.DoesNotContain("v1", h.Driver.Running);
        Assert.True(h.Log.IndexOf("drain v1") < h.Log.IndexOf("stop v1"));
    }

    [Fact]
    public async Task StartCanary_FirstRevision_TakesAllTrafficAtOnceWithoutPausing()
    {
        var h = new Harness();

        var result = await h.DriveAsync(h.Controller().StartCanaryAsync(Harness.Canary("v1", CanaryStep.SetWeight(30), CanaryStep.Pause()), Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal([new Dictionary<string, int> { ["v1"] = 100 }], h.Router.History);
        Assert.DoesNotContain(RolloutEventKind.Paused, h.Events.Kinds);
    }

    [Fact]
    public async Task StartCanary_TimedPause_WaitsItsDuration()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var started = h.Time.GetUtcNow();

        await h.DriveAsync(h.Controller().StartCanaryAsync(Harness.Canary("v2", ThreeSteps), Ct));

        var pauseEnds = h.Events.Events.Where(e => e.Kind == RolloutEventKind.PauseEnded).ToList();
        Assert.Equal(2, pauseEnds.Count);
        Assert.True(pauseEnds[1].At - started >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task StartCanary_FailedAnalysis_AbortsToStableAndShowsMeasurement()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var analysis = new FakeAnalysisRunner(AnalysisVerdict.Failed);

        var result = await h.DriveAsync(h.Controller(analysis).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(30), CanaryStep.Analysis("success-rate"), CanaryStep.SetWeight(60)), Ct));

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.DoesNotContain("v2", h.Driver.Running);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 60);
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.Measurement && e.Message.Contains("success-rate = 80", StringComparison.Ordinal));
        Assert.Equal(30, analysis.Requests.Single().CandidateWeight);
        Assert.Equal([(RolloutEventKind.WeightSet, 30), (RolloutEventKind.TrafficRestored, 0)],
            h.Events.Events.Where(e => e.CandidateWeight is not null).Select(e => (e.Kind, e.CandidateWeight!.Value)));
        var measured = Assert.Single(h.Events.Events, e => e.Measurement is not null).Measurement!;
        Assert.Equal(("success-rate", 80.0, ">= 99", AnalysisVerdict.Failed), (measured.Metric, measured.Value!.Value, measured.Condition, measured.Verdict));
    }

    [Fact]
    public async Task StartCanary_AnalysisWithoutRunner_AbortsInsteadOfPassing()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");

        var result = await h.DriveAsync(h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(10), CanaryStep.Analysis("x")), Ct));

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("no IAnalysisRunner", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartCanary_InconclusiveAnalysis_PausesUntilPromoted()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller(new FakeAnalysisRunner(AnalysisVerdict.Inconclusive)).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(10), CanaryStep.Analysis("x"), CanaryStep.SetWeight(40)), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.AnalysisInconclusive));
        Assert.Equal(10, h.Router.Weights["v2"]);

        await h.DriveAsync(h.Controller().PromoteAsync("hello", full: false, Ct));
        var result = await h.DriveAsync(run);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(h.Router.History, w => w.GetValueOrDefault("v2") == 40);
    }

    [Fact]
    public async Task Resume_AfterCrashMidCanary_ReappliesWeightAndFinishesRemainingSteps()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var stable = (await h.Store.LoadAsync("hello", Ct))!.Stable;
        // The state a SIGKILLed run leaves: step 2 of 4 done, canary at 20%, candidate container still running.
        await h.Driver.StartAsync("hello", "v2", Harness.Workload("v2"), Ct);
        h.Store.Put(new RolloutState
        {
            App = "hello", Strategy = RolloutStrategy.Canary, Phase = RolloutPhase.Progressing, StepIndex = 2, CandidateWeight = 20,
            Stable = stable, Candidate = new RevisionInfo { Revision = "v2", Image = "img" }, Canary = Harness.Canary("v2", ThreeSteps),
        });
        var status = await h.Controller().GetStatusAsync("hello", Ct);
        Assert.True(status.IsOrphaned);

        var result = await h.DriveAsync(h.Controller().ResumeAsync("hello", Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([20, 50, 100], h.Router.History.Where(w => w.ContainsKey("v2")).Select(w => w["v2"]).Distinct());
        Assert.Equal(1, h.Log.Calls.Count(c => c == "start v2"));
        Assert.Equal("v2", result.State!.Stable!.Revision);
    }

    [Fact]
    public async Task Abort_OrphanedCanary_RestoresStableAndRemovesCanary()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(25), CanaryStep.Pause()), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Paused));

        var deployWhilePaused = await h.Controller().StartCanaryAsync(Harness.Canary("v3", CanaryStep.SetWeight(5)), Ct);
        var abort = await h.DriveAsync(h.Controller().AbortAsync("hello", "operator says no", Ct));
        await h.DriveAsync(run);

        Assert.False(deployWhilePaused.Succeeded);
        Assert.True(abort.Succeeded, abort.Message);
        var state = await h.Store.LoadAsync("hello", Ct);
        Assert.Equal(RolloutPhase.Aborted, state!.Phase);
        Assert.Contains("operator says no", state.Message, StringComparison.Ordinal);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.Equal(["v1"], h.Driver.Running);
    }

    [Fact]
    public async Task Promote_Full_SkipsRemainingSteps()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(10), CanaryStep.Pause(), CanaryStep.SetWeight(30), CanaryStep.Pause()), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Paused));

        await h.DriveAsync(h.Controller().PromoteAsync("hello", full: true, Ct));
        var result = await h.DriveAsync(run);

        Assert.True(result.Succeeded, result.Message);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 30);
        Assert.Equal("v2", result.State!.Stable!.Revision);
    }
}

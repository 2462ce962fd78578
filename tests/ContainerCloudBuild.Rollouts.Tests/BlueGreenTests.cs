using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class BlueGreenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeployBlueGreen_FirstRevision_TakesAllTrafficAndIsStable()
    {
        var h = new Harness();
        var result = await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v1"), Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(100, h.Router.Weights["v1"]);
    }

    [Fact]
    public async Task DeployBlueGreen_SecondRevision_SwitchesAtOnceKeepsOldUntilScaleDownThenDrainsBeforeStop()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var task = h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Switched));
        var switchedAt = h.Time.GetUtcNow();

        Assert.Equal(100, h.Router.Weights["v2"]);
        Assert.Equal(0, h.Router.Weights["v1"]);
        Assert.Contains("v1", h.Driver.Running); // kept for undo
        var result = await h.DriveAsync(task);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        Assert.Null(result.State.Previous);
        Assert.DoesNotContain("v1", h.Driver.Running);
        Assert.True(h.Time.GetUtcNow() - switchedAt >= TimeSpan.FromSeconds(30));
        Assert.True(h.Log.IndexOf("drain v1") < h.Log.IndexOf("stop v1"), string.Join("; ", h.Log.Calls));
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v1") is > 0 and < 100);
    }

    [Fact]
    public async Task DeployBlueGreen_NeverHealthy_FailsWithLogsAndStableUntouched()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        h.Driver.Unhealthy.Add("v2");

        var result = await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        Assert.False(result.Succeeded);
        Assert.Equal(RolloutPhase.Failed, result.Phase);
        Assert.Contains("v2: still broken", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.DoesNotContain("v2", h.Driver.Running);
    }

    [Fact]
    public async Task Promote_FromSecondController_EndsManualGate()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2", autoPromote: false), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.AwaitingPromotion));
        Assert.Equal(0, h.Router.Weights["v2"]);

        var promote = await h.DriveAsync(h.Controller().PromoteAsync("hello", full: false, Ct));

        Assert.True(promote.Succeeded, promote.Message);
        Assert.Equal(100, h.Router.Weights["v2"]);
        Assert.True((await h.DriveAsync(run)).Succeeded);
    }

    [Fact]
    public async Task Undo_DuringScaleDownDelay_ReturnsTrafficAndRemovesNewRevision()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Switched));

        var undo = await h.DriveAsync(h.Controller().UndoAsync("hello", Ct));
        await h.DriveAsync(run);

        Assert.True(undo.Succeeded, undo.Message);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.False(h.Router.Weights.ContainsKey("v2"));
        var state = await h.Store.LoadAsync("hello", Ct);
        Assert.Equal("v1", state!.Stable!.Revision);
        Assert.Equal(RolloutPhase.Completed, state.Phase);
    }

    [Fact]
    public async Task Undo_AfterScaleDown_FailsSayingWhy()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        await h.DriveAsync(h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        var undo = await h.Controller().UndoAsync("hello", Ct);

        Assert.False(undo.Succeeded);
        Assert.Contains("nothing to Undo", undo.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WhileAnotherRunHoldsTheLock_FailsNamingTheProcess()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v2", autoPromote: false), Ct);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.AwaitingPromotion));

        var second = await h.Controller().DeployBlueGreenAsync(Harness.BlueGreen("v3"), Ct);

        Assert.False(second.Succeeded);
        Assert.Contains("process 4242", second.Message, StringComparison.Ordinal);
        await h.DriveAsync(h.Controller().AbortAsync("hello", "test over", Ct));
        var aborted = await h.DriveAsync(run);
        Assert.Equal(RolloutPhase.Aborted, aborted.Phase);
        Assert.Equal(100, h.Router.Weights["v1"]);
    }
}

public sealed class BlueGreenAnalysisTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeployBlueGreen_PrePromotionAnalysisFails_AbortsBeforeAnyTrafficMoves()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var analysis = new FakeAnalysisRunner(AnalysisVerdict.Failed);

        var result = await h.DriveAsync(h.Controller(analysis).DeployBlueGreenAsync(Harness.BlueGreen("v2") with { PrePromotionAnalysis = "success-rate" }, Ct));

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("pre-promotion analysis 'success-rate' failed", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") > 0);
        Assert.Equal(0, analysis.Requests.Single().CandidateWeight);
        Assert.Equal(["v1"], h.Driver.Running);
    }

    [Fact]
    public async Task DeployBlueGreen_PostPromotionAnalysisFails_UndoesTheSwitch()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var analysis = new FakeAnalysisRunner(AnalysisVerdict.Failed);

        var result = await h.DriveAsync(h.Controller(analysis).DeployBlueGreenAsync(Harness.BlueGreen("v2") with { PostPromotionAnalysis = "success-rate" }, Ct));

        Assert.False(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.StartsWith("post-promotion analysis 'success-rate' Failed", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Contains(h.Router.History, w => w.GetValueOrDefault("v2") == 100);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.Equal(["v1"], h.Driver.Running);
        var request = analysis.Requests.Single();
        Assert.Equal(("v2", "v1"), (request.Candidate.Revision, request.Stable!.Revision));
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.Measurement && e.Message.Contains("success-rate = 80", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeployBlueGreen_PostPromotionAnalysisPasses_CompletesAfterScaleDown()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");

        var result = await h.DriveAsync(h.Controller(new FakeAnalysisRunner(AnalysisVerdict.Successful))
            .DeployBlueGreenAsync(Harness.BlueGreen("v2") with { PostPromotionAnalysis = "success-rate" }, Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        Assert.Equal(["v2"], h.Driver.Running);
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.AnalysisPassed && e.Revision == "v2");
    }
}

using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class WaitProgressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RolloutController Controller(Harness h, RecordingWaitProgress progress, IAnalysisRunner? analysis = null) =>
        new(h.Driver, h.Router, h.Store, h.Events, h.Time) { Progress = progress, Analysis = analysis };

    [Fact]
    public async Task Canary_TimedPause_ReportsTheWaitUntilItsEnd()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var progress = new RecordingWaitProgress();

        var result = await h.DriveAsync(Controller(h, progress).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Pause(TimeSpan.FromSeconds(10))), Ct));

        Assert.True(result.Succeeded, result.Message);
        var pause = Assert.Single(progress.Waits, w => w.What == "the pause of canary v2 at 20%");
        Assert.Equal("hello", pause.App);
        Assert.Equal(TimeSpan.FromSeconds(10), pause.Total);
        Assert.True(pause.Ended);
        Assert.Equal(TimeSpan.Zero, pause.Reports[0]);
        Assert.InRange(pause.Reports[^1], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.2));
        Assert.True(pause.Reports.Count >= 50, $"only {pause.Reports.Count} reports in a 10 s pause");
    }

    [Fact]
    public async Task Canary_HealthGateAndAnalysis_AreShownAsWaitsWithTheirLimits()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var progress = new RecordingWaitProgress();

        await h.DriveAsync(Controller(h, progress, new FakeAnalysisRunner(AnalysisVerdict.Successful)).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Analysis("success-rate")), Ct));

        var gate = Assert.Single(progress.Waits, w => w.What == "health gate of v2 (GET /healthz)");
        Assert.Equal(new HealthCheckSpec().Deadline, gate.Total);
        var analysis = Assert.Single(progress.Waits, w => w.What == "analysis 'success-rate' of v2");
        Assert.Null(analysis.Total);
        Assert.All(progress.Waits, w => Assert.True(w.Ended, w.What));
    }
}

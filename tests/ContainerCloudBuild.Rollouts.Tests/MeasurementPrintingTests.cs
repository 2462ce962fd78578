using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class MeasurementPrintingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CanaryAnalysis_AnalysisPrintsMeasurements_EachMeasurementPrintedOnceAndKeptAsEvent()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var printed = new PrintedLines();
        var events = new CompositeRolloutEvents(h.Events, new LoggingRolloutEvents(printed, new HashSet<RolloutEventKind> { RolloutEventKind.Measurement }));
        var controller = new RolloutController(h.Driver, h.Router, h.Store, events, h.Time)
        {
            Analysis = new PrintingAnalysisRunner(printed, "success-rate", "p99-latency"),
        };

        var result = await h.DriveAsync(controller.StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Analysis("haproxy-canary")), Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Single(printed.Lines, l => l.Contains("success-rate", StringComparison.Ordinal));
        Assert.Single(printed.Lines, l => l.Contains("p99-latency", StringComparison.Ordinal));
        Assert.Equal(2, h.Events.Events.Count(e => e.Kind == RolloutEventKind.Measurement && e.Revision == "v2"));
        Assert.Contains(printed.Lines, l => l.Contains("AnalysisPassed", StringComparison.Ordinal));
    }

    [Fact]
    public void LoggingRolloutEvents_NoQuietKinds_PrintsMeasurementEvents()
    {
        var printed = new PrintedLines();

        new LoggingRolloutEvents(printed).Publish(new RolloutEvent(DateTimeOffset.UnixEpoch, "hello", RolloutEventKind.Measurement, "success-rate = 1", "v2"));

        Assert.Single(printed.Lines, l => l.Contains("Measurement: success-rate = 1", StringComparison.Ordinal));
    }
}

using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>The built-in analysis judges a canary under load by Prometheus scraping HAProxy.</summary>
[Collection(RealStackCollection.Name)]
public sealed class CanaryAnalysisTests(SharedServers servers)
{
    private const int Rate = 150;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Canary_VersionAnswering5xx_AnalysisFailsAndRollsBackWithinIntervalTimesFailureLimit()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        var options = AnalysisStack.FastCanary(count: 8);
        stack.Open(options);
        var (bad, load) = await stack.StableV1AndCandidateUnderLoadAsync(VersionBehaviour.Flaky, Rate, Ct);
        using var _ = load;

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", bad, 50), Ct);
        await Task.Delay(1000, Ct);
        var samples = await load.StopAsync();

        Assert.False(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains(HaproxyTemplates.SuccessRate.Name, result.Message, StringComparison.Ordinal);
        Assert.Contains("failure limit 1", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 }, await stack.Target.Router.GetWeightsAsync(stack.App, Ct));
        // Every measurement was printed as it happened and is in the rollout's event record.
        var failed = stack.Measurements.Where(m => m.Metric == HaproxyTemplates.SuccessRate.Name && m.Verdict == ContainerCloudBuild.Analysis.MeasurementVerdict.Failed).ToList();
        Assert.Equal(2, failed.Count);
        Assert.All(stack.Measurements, m => Assert.Contains(stack.Output, line => line.Contains($"{m.Metric} #{m.Index}: value {m.ValueText}", StringComparison.Ordinal)));
        Assert.Contains(stack.Events.Events, e => e.Kind == RolloutEventKind.Measurement && e.Message.StartsWith(HaproxyTemplates.SuccessRate.Name, StringComparison.Ordinal) && e.Message.Contains("Failed", StringComparison.Ordinal));
        var saved = await stack.Target.Store.LoadAsync(stack.App, Ct); // the state file, as another process reads it
        Assert.Equal(AnalysisVerdict.Failed, saved!.LastAnalysis!.Verdict);
        Assert.Equal(stack.Measurements.Count, saved.LastAnalysis.Measurements.Count);
        Assert.Contains(saved.LastAnalysis.Measurements, m => m.Metric == HaproxyTemplates.SuccessRate.Name && m.Value < 0.99 && m.Condition == "success >= 0.99");

        var firstBad = samples.First(s => s.Status >= 500);
        var restored = stack.Events.First(RolloutEventKind.TrafficRestored) ?? throw new InvalidOperationException("no TrafficRestored event");
        var restoredMs = load.ToMs(restored.At);
        var detection = TimeSpan.FromMilliseconds(restoredMs - firstBad.StartMs);
        var bound = (options.Interval * (options.FailureLimit + 1)) + SharedServers.ScrapeInterval + options.InitialDelay + TimeSpan.FromSeconds(1);
        var afterRollback = samples.Where(s => s.StartMs > restoredMs + 100).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"MEASURE detection-to-rollback: {detection.TotalMilliseconds:0} ms from the first 5xx (at {firstBad.StartMs:0} ms) to TrafficRestored; " +
            $"interval x failureLimit = {(options.Interval * options.FailureLimit).TotalMilliseconds:0} ms, bound {bound.TotalMilliseconds:0} ms " +
            $"(interval x (limit+1) + scrape + initial delay + 1 s); {samples.Count(s => s.Status >= 500)} 5xx of {samples.Count} requests");
        Assert.InRange(detection, TimeSpan.Zero, bound);
        Assert.True(afterRollback.Count > Rate / 2, $"only {afterRollback.Count} requests after the rollback");
        Assert.All(afterRollback, s => Assert.Equal("v1", s.Body));
    }

    [Fact]
    public async Task Canary_HealthyVersion_PassesTheSameAnalysisAndIsPromoted()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        stack.Open(AnalysisStack.FastCanary(count: 4));
        var (good, load) = await stack.StableV1AndCandidateUnderLoadAsync(VersionBehaviour.Healthy, Rate, Ct);
        using var _ = load;

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", good, 50), Ct);
        await Task.Delay(300, Ct);
        var samples = await load.StopAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        Assert.Equal(["v2"], await stack.RevisionsAsync(Ct));
        LoadAssert.NoFailures(samples);
        var rates = stack.Measurements.Where(m => m.Metric == HaproxyTemplates.SuccessRate.Name).ToList();
        Assert.Equal(4, rates.Count(m => m.Verdict == ContainerCloudBuild.Analysis.MeasurementVerdict.Successful));
        Assert.All(rates.Where(m => m.Values.Count > 0), m => Assert.True(m.Values[0] >= 0.99));
        Assert.NotNull(stack.Events.First(RolloutEventKind.AnalysisPassed, "v2"));
    }
}

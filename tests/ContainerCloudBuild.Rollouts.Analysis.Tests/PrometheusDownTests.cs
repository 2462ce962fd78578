using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>Prometheus dies in the middle of the analysis.</summary>
[Collection(RealStackCollection.Name)]
public sealed class PrometheusDownTests(SharedServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Canary_PrometheusStoppedMidAnalysis_ErrorsHitTheConsecutiveErrorLimitAndTheCanaryIsNotPromoted()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        // Its own Prometheus, so killing it does not disturb the other tests.
        using var prometheus = await PrometheusProcess.StartAsync(stack.Temp.Combine("prometheus"), servers.HaproxyMetricsPort, SharedServers.ScrapeInterval, Ct);
        stack.Open(AnalysisStack.FastCanary(count: 10), prometheus: prometheus.Url);
        var killed = 0;
        stack.OnMeasurement = m =>
        {
            if (m.Metric == HaproxyTemplates.SuccessRate.Name && m.Verdict == MeasurementVerdict.Successful && Interlocked.Exchange(ref killed, 1) == 0)
                prometheus.Stop();
        };
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.Healthy, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 100, TimeSpan.FromSeconds(40));

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", v2, 50), Ct);
        var samples = await load.StopAsync();

        Assert.Equal(1, killed);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("consecutive provider errors, more than the consecutive-error limit 2", result.Message, StringComparison.Ordinal);
        Assert.Contains($"Prometheus at {prometheus.Url} is unreachable", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 }, await stack.Target.Router.GetWeightsAsync(stack.App, Ct));
        Assert.Null(stack.Events.First(RolloutEventKind.Completed, "v2"));
        var errors = stack.Measurements.Where(m => m.Verdict == MeasurementVerdict.Error).ToList();
        Assert.True(errors.Count >= 3, $"{errors.Count} error measurements");
        Assert.Contains(stack.Events.Events, e => e.Kind == RolloutEventKind.Measurement && e.Message.Contains("(Error)", StringComparison.Ordinal));
        LoadAssert.NoFailures(samples);
    }
}

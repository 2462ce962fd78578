using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>The candidate answers 200 everywhere but its container log shows errors.</summary>
[Collection(RealStackCollection.Name)]
public sealed class LogPatternTests(SharedServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Canary_ErrorLinesInLogsWhileHttpIsFine_IsAbortedByTheLogThresholdWithTheLinesInTheMessage()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.LogsErrors, Ct);
        using var load = new LoadGenerator();
        load.Start(stack.VersionUrl, 100, TimeSpan.FromSeconds(40));

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", v2, 50), Ct);
        var samples = await load.StopAsync();

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains($"metric '{HaproxyCanaryTemplate.LogMetricName}' failed", result.Message, StringComparison.Ordinal);
        Assert.Contains("ERROR payment backend timed out", result.Message, StringComparison.Ordinal);
        Assert.Contains("last log lines of v2:", result.Message, StringComparison.Ordinal);
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        // HTTP looked fine: no failed request, and every success-rate measurement taken passed.
        LoadAssert.NoFailures(samples);
        Assert.Contains(samples, s => s.Body == "v2");
        var rates = stack.Measurements.Where(m => m.Metric == HaproxyTemplates.SuccessRate.Name && m.Verdict != MeasurementVerdict.NoData).ToList();
        Assert.NotEmpty(rates);
        Assert.All(rates, m => Assert.Equal(MeasurementVerdict.Successful, m.Verdict));
        var logs = stack.Measurements.Where(m => m.Metric == HaproxyCanaryTemplate.LogMetricName && m.Verdict == MeasurementVerdict.Failed).ToList();
        Assert.Equal(2, logs.Count);
        Assert.All(logs, m => Assert.True(m.Values[0] > 5, $"only {m.Values[0]} error lines"));
        // The candidate's log was streamed into the output, prefixed with its revision, while it was judged.
        Assert.Contains(stack.Output, line => line.StartsWith("[v2] starting version v2", StringComparison.Ordinal));
        Assert.True(stack.Output.Count(line => line.StartsWith("[v2] ERROR payment backend timed out", StringComparison.Ordinal)) > 20);
    }
}

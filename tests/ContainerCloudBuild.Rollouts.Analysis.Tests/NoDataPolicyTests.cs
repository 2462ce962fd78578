using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>No traffic at all, so Prometheus has no data; the step's noData argument decides.</summary>
[Collection(RealStackCollection.Name)]
public sealed class NoDataPolicyTests(SharedServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] PrometheusMetrics = [HaproxyTemplates.SuccessRate.Name, HaproxyTemplates.ResponseTimeAverage.Name];

    [Fact]
    public async Task Canary_NoTrafficWithNoDataFail_IsAbortedAsNoDataIsAFailure()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.Healthy, Ct);

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", v2, 50, new Dictionary<string, string> { ["noData"] = "fail", ["count"] = "3" }), Ct);

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("no data", result.Message, StringComparison.Ordinal);
        Assert.Contains("no-data policy is Fail", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        Assert.DoesNotContain(stack.Measurements, m => PrometheusMetrics.Contains(m.Metric) && m.Verdict == MeasurementVerdict.Successful);
    }

    [Fact]
    public async Task Canary_NoTrafficWithNoDataPause_WaitsForAHumanThenPromotes()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.Healthy, Ct);

        var run = stack.Controller.StartCanaryAsync(stack.Canary("v2", v2, 50, new Dictionary<string, string> { ["noData"] = "pause", ["count"] = "3" }), Ct);
        await Until.TrueAsync(() => stack.Events.First(RolloutEventKind.AnalysisInconclusive) is not null || run.IsCompleted, TimeSpan.FromSeconds(20));
        Assert.False(run.IsCompleted, run.IsCompleted ? (await run).Message : "");
        await Task.Delay(1500, Ct); // it stays paused on its own
        var status = await stack.Controller.GetStatusAsync(stack.App, Ct);
        Assert.Equal(RolloutPhase.Paused, status.State!.Phase);
        Assert.Contains("no-data policy is Pause", status.State.Message, StringComparison.Ordinal);
        Assert.Equal(50, status.Weights["v2"]);
        Assert.False(run.IsCompleted);

        var promote = await stack.Controller.PromoteAsync(stack.App, full: false, Ct);
        var result = await run;

        Assert.True(promote.Succeeded, promote.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        var measured = stack.Measurements.Where(m => PrometheusMetrics.Contains(m.Metric)).ToList();
        Assert.NotEmpty(measured);
        Assert.All(measured, m => Assert.Equal(MeasurementVerdict.NoData, m.Verdict));
    }

    [Fact]
    public async Task Canary_NoTrafficWithNoDataPass_PromotesWithNoDataNeverRecordedAsSuccess()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        await stack.DeployStableAsync("v1", Ct);
        var v2 = await stack.ImageAsync("v2", VersionBehaviour.Healthy, Ct);

        var result = await stack.Controller.StartCanaryAsync(stack.Canary("v2", v2, 50, new Dictionary<string, string> { ["noData"] = "pass", ["count"] = "2" }), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        var measured = stack.Measurements.Where(m => PrometheusMetrics.Contains(m.Metric)).ToList();
        Assert.Equal(4, measured.Count);
        Assert.All(measured, m => Assert.Equal(MeasurementVerdict.NoData, m.Verdict));
        Assert.Contains(stack.Events.Events, e => e.Kind == RolloutEventKind.Measurement && e.Message.Contains("no data", StringComparison.Ordinal) && e.Message.Contains("Inconclusive", StringComparison.Ordinal));
    }
}

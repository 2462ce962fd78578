using ContainerCloudBuild.Prometheus.Pushgateway;

namespace ContainerCloudBuild.Prometheus.Tests;

public sealed class PushgatewayTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> PushgatewayText() =>
        await fixture.Http.GetStringAsync(new Uri(fixture.Servers.PushgatewayUrl, "metrics"), Ct);

    [Fact]
    public async Task Push_BuildMetrics_AreQueryableInPrometheusWithGroupingLabels()
    {
        fixture.Require();
        var job = "ccb-build-" + Guid.NewGuid().ToString("N")[..8];
        var grouping = new Dictionary<string, string> { ["instance"] = "ci/runner 1" };
        await fixture.Pushgateway.PushAsync(job, grouping,
            [.. BuildMetrics.Target("Compile", TimeSpan.FromSeconds(12.5), succeeded: true), .. BuildMetrics.Target("Test", TimeSpan.FromSeconds(3), succeeded: false)], Ct);

        await fixture.WaitForAsync($"ccb_target_success{{job=\"{job}\"}}", Ct);
        var duration = await fixture.Client.QueryAsync($"ccb_target_duration_seconds{{job=\"{job}\",target=\"Compile\"}}", null, Ct);
        var sample = Assert.Single(duration.Samples);
        Assert.Equal(12.5, sample.Value);
        Assert.Equal("ci/runner 1", sample.Labels["instance"]);
        var failed = await fixture.Client.QueryAsync($"ccb_target_success{{job=\"{job}\",target=\"Test\"}}", null, Ct);
        Assert.Equal(0, Assert.Single(failed.Samples).Value);
    }

    [Fact]
    public async Task PushAdd_KeepsOtherMetrics_PushReplacesTheGroup_DeleteRemovesIt()
    {
        fixture.Require();
        var job = "ccb-group-" + Guid.NewGuid().ToString("N")[..8];
        var grouping = new Dictionary<string, string> { ["instance"] = "build-7" };
        await fixture.Pushgateway.PushAsync(job, grouping, BuildMetrics.Target("Image", TimeSpan.FromSeconds(4), true), Ct);
        await fixture.Pushgateway.PushAddAsync(job, grouping, BuildMetrics.Rollout("shop", "r2", "promoted", succeeded: true), Ct);
        var text = await PushgatewayText();
        Assert.Contains($"ccb_target_duration_seconds{{instance=\"build-7\",job=\"{job}\",target=\"Image\"}} 4", text, StringComparison.Ordinal);
        Assert.Contains($"ccb_rollout_success{{app=\"shop\",instance=\"build-7\",job=\"{job}\",result=\"promoted\",revision=\"r2\"}} 1", text, StringComparison.Ordinal);

        await fixture.Pushgateway.PushAsync(job, grouping, BuildMetrics.Rollout("shop", "r3", "rolled-back", succeeded: false), Ct);
        text = await PushgatewayText();
        Assert.DoesNotContain($"target=\"Image\"", text.Split('\n').Where(l => l.Contains(job, StringComparison.Ordinal)).Aggregate("", string.Concat), StringComparison.Ordinal);
        Assert.Contains($"result=\"rolled-back\",revision=\"r3\"}} 0", text, StringComparison.Ordinal);

        await fixture.Pushgateway.DeleteAsync(job, grouping, Ct);
        Assert.DoesNotContain(job, await PushgatewayText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_InvalidMetricName_IsRejectedBeforeSending()
    {
        fixture.Require();
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Pushgateway.PushAsync("ccb", new Dictionary<string, string>(),
            [new PushMetric("bad-name", 1, new Dictionary<string, string>())], Ct));
    }

    [Fact]
    public void Write_EscapesLabelValuesAndSpecialNumbers()
    {
        var text = ExpositionFormat.Write(
        [
            new PushMetric("m", double.NaN, new Dictionary<string, string> { ["a"] = "q\"uote\\back\nline" }) { Help = "help text" },
            new PushMetric("m", double.PositiveInfinity, new Dictionary<string, string> { ["a"] = "x" }),
        ]);
        Assert.Equal("# HELP m help text\n# TYPE m gauge\nm{a=\"q\\\"uote\\\\back\\nline\"} NaN\nm{a=\"x\"} +Inf\n", text);
    }

    [Fact]
    public void GroupPath_SlashOrEmptyValue_UsesBase64Form()
    {
        Assert.Equal("metrics/job/ccb/instance/ci-1", PushgatewayClient.GroupPath("ccb", new Dictionary<string, string> { ["instance"] = "ci-1" }));
        Assert.Equal("metrics/job/ccb/path@base64/L3Zhci90bXA=", PushgatewayClient.GroupPath("ccb", new Dictionary<string, string> { ["path"] = "/var/tmp" }));
        Assert.Equal("metrics/job/ccb/empty@base64/=", PushgatewayClient.GroupPath("ccb", new Dictionary<string, string> { ["empty"] = "" }));
    }
}

using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Prometheus.Pushgateway;

namespace ContainerCloudBuild.Prometheus.Tests;

public sealed class PrometheusClientTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QueryAsync_PushedGauges_ReturnsVectorWithLabels()
    {
        fixture.Require();
        var job = "client-vector-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Pushgateway.PushAsync(job, new Dictionary<string, string> { ["instance"] = "ci-1" },
        [
            new PushMetric("ccb_test_ratio", 0.25, new Dictionary<string, string> { ["revision"] = "r1" }),
            new PushMetric("ccb_test_ratio", 0.75, new Dictionary<string, string> { ["revision"] = "r2" }),
        ], Ct);
        await fixture.WaitForAsync($"count(ccb_test_ratio{{job=\"{job}\"}}) == 2", Ct);

        var result = await fixture.Client.QueryAsync($"ccb_test_ratio{{job=\"{job}\"}}", null, Ct);
        Assert.Equal("vector", result.ResultType);
        var byRevision = result.Samples.ToDictionary(s => s.Labels["revision"], s => s.Value);
        Assert.Equal(0.25, byRevision["r1"]);
        Assert.Equal(0.75, byRevision["r2"]);
        Assert.All(result.Samples, s => Assert.Equal("ci-1", s.Labels["instance"]));
    }

    [Fact]
    public async Task QueryAsync_Scalar_ReturnsOneValue()
    {
        fixture.Require();
        var result = await fixture.Client.QueryAsync("scalar(vector(0.5)) * 3", null, Ct);
        Assert.Equal("scalar", result.ResultType);
        Assert.Equal(1.5, Assert.Single(result.Samples).Value);
    }

    [Theory]
    [InlineData("vector(0) / 0", double.NaN)]
    [InlineData("vector(1) / 0", double.PositiveInfinity)]
    [InlineData("vector(-1) / 0", double.NegativeInfinity)]
    public async Task QueryAsync_SpecialValues_AreParsed(string query, double expected)
    {
        fixture.Require();
        var result = await fixture.Client.QueryAsync(query, null, Ct);
        Assert.Equal(expected, Assert.Single(result.Samples).Value);
    }

    [Fact]
    public async Task QueryAsync_BadQuery_ThrowsWithStatusAndPrometheusMessage()
    {
        fixture.Require();
        var ex = await Assert.ThrowsAsync<PrometheusQueryException>(() => fixture.Client.QueryAsync("sum(rate(x[5m])", null, Ct));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("bad_data", ex.ErrorType);
        Assert.Contains("parse error", ex.Error, StringComparison.Ordinal);
        Assert.Contains("sum(rate(x[5m])", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_RangeVector_ThrowsSayingHowToFix()
    {
        fixture.Require();
        var ex = await Assert.ThrowsAsync<PrometheusQueryException>(() => fixture.Client.QueryAsync("up[10s]", null, Ct));
        Assert.Contains("matrix", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rate()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_EmptyVectorAndNaN_AreNoData()
    {
        fixture.Require();
        var provider = new PrometheusMetricProvider(fixture.Client);
        var empty = await provider.MeasureAsync(new MetricQuery("m", "absent_metric_ccb{job=\"none\"}", TimeSpan.FromSeconds(1), PrometheusFixture.NoArgs), Ct);
        Assert.Equal(ReadingKind.NoData, empty.Kind);
        Assert.Contains("empty vector", empty.Message, StringComparison.Ordinal);
        var nan = await provider.MeasureAsync(new MetricQuery("m", "vector(0)/0", TimeSpan.FromSeconds(1), PrometheusFixture.NoArgs), Ct);
        Assert.Equal(ReadingKind.NoData, nan.Kind);
    }

    [Fact]
    public async Task Provider_Unreachable_IsErrorNamingTheAddress()
    {
        using var http = new HttpClient();
        var url = new Uri($"http://127.0.0.1:{ContainerCloudBuild.Testing.FreePort.Next()}/");
        var provider = new PrometheusMetricProvider(new PrometheusClient(http, url));
        var reading = await provider.MeasureAsync(new MetricQuery("m", "up", TimeSpan.FromSeconds(1), PrometheusFixture.NoArgs), Ct);
        Assert.Equal(ReadingKind.Error, reading.Kind);
        Assert.Contains(url.ToString(), reading.Message, StringComparison.Ordinal);
        Assert.Contains("unreachable", reading.Message, StringComparison.Ordinal);
    }
}

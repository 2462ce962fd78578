using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Providers.Logs;

namespace ContainerCloudBuild.Prometheus.Tests;

/// <summary>Analysis end to end: values pushed to a real Pushgateway, scraped by a real Prometheus, judged by the runner.</summary>
public sealed class PrometheusAnalysisTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Job(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    private AnalysisMetric Ratio(string job, int count = 3) => new("success-rate", new PrometheusMetricProvider(fixture.Client))
    {
        Query = "ccb_success_ratio{job=\"{{job}}\"}",
        SuccessCondition = Condition.Parse(">= 0.99"),
        Interval = TimeSpan.FromSeconds(1),
        Count = count,
    };

    private static Dictionary<string, string> Args(string job) => new() { ["job"] = job };

    private static Task<AnalysisResult> Run(IReadOnlyList<AnalysisMetric> metrics, string job, List<AnalysisMeasurement> seen) =>
        new AnalysisRunner(TimeProvider.System).RunAsync(metrics, Args(job), PrometheusFixture.Collect(seen), Ct);

    [Fact]
    public async Task Analysis_HealthyValue_Passes()
    {
        fixture.Require();
        var job = Job("pass");
        await fixture.PushAndWaitAsync(job, "ccb_success_ratio", 0.995, Ct);
        var seen = new List<AnalysisMeasurement>();
        var result = await Run([Ratio(job)], job, seen);
        Assert.Equal(AnalysisOutcome.Successful, result.Outcome);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, m => Assert.Equal(0.995, Assert.Single(m.Values)));
        Assert.Equal(seen, result.Measurements);
    }

    [Fact]
    public async Task Analysis_BadValue_FailsAtTheFailureLimitNamingValueAndThreshold()
    {
        fixture.Require();
        var job = Job("fail");
        await fixture.PushAndWaitAsync(job, "ccb_success_ratio", 0.8, Ct);
        var seen = new List<AnalysisMeasurement>();
        var result = await Run([Ratio(job, count: 10) with { FailureLimit = 2 }], job, seen);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, m => Assert.Equal(MeasurementVerdict.Failed, m.Verdict));
        Assert.Equal("success-rate", result.DecidingMetric);
        Assert.Contains("value 0.8 does not meet the success condition >= 0.99", result.Message, StringComparison.Ordinal);
        Assert.Contains("failure limit 2", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NoDataPolicy.Fail, AnalysisOutcome.Failed, 2)]
    [InlineData(NoDataPolicy.Pause, AnalysisOutcome.Inconclusive, 1)]
    [InlineData(NoDataPolicy.Pass, AnalysisOutcome.Successful, 3)]
    public async Task Analysis_NoSeries_FollowsNoDataPolicy(NoDataPolicy policy, AnalysisOutcome expected, int measurements)
    {
        fixture.Require();
        var job = Job("nodata"); // nothing pushed: the query returns an empty vector
        var seen = new List<AnalysisMeasurement>();
        var result = await Run([Ratio(job) with { NoData = policy, FailureLimit = 1 }], job, seen);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(measurements, seen.Count);
        Assert.All(seen, m => Assert.Contains("no data", m.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(seen, m => m.Verdict == MeasurementVerdict.Successful);
    }

    [Fact]
    public async Task Analysis_NaNValue_IsNoDataNotSuccess()
    {
        fixture.Require();
        var job = Job("nan");
        await fixture.PushAndWaitAsync(job, "ccb_success_ratio", double.NaN, Ct);
        var seen = new List<AnalysisMeasurement>();
        var metric = Ratio(job, count: 1) with { SuccessCondition = null, FailureCondition = Condition.Parse("< 0.99") };
        var result = await Run([metric], job, seen);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("no data (the query returned NaN)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_PrometheusKilledMidway_ErrorsHitTheLimitWithClearMessage()
    {
        fixture.Require();
        await using var own = await PrometheusServers.StartAsync([], Ct);
        using var http = new HttpClient();
        var client = new PrometheusClient(http, own.PrometheusUrl);
        var job = Job("kill");
        await new Pushgateway.PushgatewayClient(http, own.PushgatewayUrl).PushAsync(job, new Dictionary<string, string>(),
            [new("ccb_success_ratio", 1, new Dictionary<string, string>())], Ct);
        await WaitUntil(client, $"ccb_success_ratio{{job=\"{job}\"}}");

        var seen = new List<AnalysisMeasurement>();
        var observer = new DelegateAnalysisObserver(m =>
        {
            seen.Add(m);
            if (m.Index == 2)
                own.KillPrometheus();
        });
        var metric = new AnalysisMetric("success-rate", new PrometheusMetricProvider(client, TimeSpan.FromSeconds(2)))
        {
            Query = "ccb_success_ratio{job=\"{{job}}\"}",
            SuccessCondition = Condition.Parse(">= 0.99"),
            Interval = TimeSpan.FromSeconds(1),
            Count = 20,
            ConsecutiveErrorLimit = 2,
        };
        var result = await new AnalysisRunner(TimeProvider.System).RunAsync([metric], Args(job), observer, Ct);

        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal([MeasurementVerdict.Successful, MeasurementVerdict.Successful, MeasurementVerdict.Error, MeasurementVerdict.Error, MeasurementVerdict.Error],
            seen.Select(m => m.Verdict));
        Assert.Contains("3 consecutive provider errors, more than the consecutive-error limit 2", result.Message, StringComparison.Ordinal);
        Assert.Contains($"Prometheus at {own.PrometheusUrl} is unreachable", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analysis_LogErrorsAboveThreshold_FailWhileHttpMetricPasses()
    {
        fixture.Require();
        var job = Job("logs");
        await fixture.PushAndWaitAsync(job, "ccb_success_ratio", 1, Ct);
        var logs = new GrowingLogSource(TimeProvider.System);
        var logMetric = new AnalysisMetric("error-log-lines", new LogPatternMetricProvider(logs, ["ERROR", "Unhandled exception"], TimeProvider.System))
        {
            SuccessCondition = Condition.Parse("<= 2"),
            Interval = TimeSpan.FromSeconds(1),
            Count = 5,
        };
        var seen = new List<AnalysisMeasurement>();
        var observer = new DelegateAnalysisObserver(m =>
        {
            lock (seen)
                seen.Add(m);
            if (m.Metric == "success-rate")
                logs.StartFailing(); // the log errors begin once the HTTP metric has passed a measurement, so both are judged
        });
        var result = await new AnalysisRunner(TimeProvider.System).RunAsync([Ratio(job, count: 5), logMetric], Args(job), observer, Ct);

        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal("error-log-lines", result.DecidingMetric);
        Assert.All(seen.Where(m => m.Metric == "success-rate"), m => Assert.Equal(MeasurementVerdict.Successful, m.Verdict));
        Assert.Contains(seen, m => m.Metric == "success-rate");
        Assert.Contains("does not meet the success condition <= 2", result.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(PrometheusClient client, string query)
    {
        for (var i = 0; i < 75; i++)
        {
            if ((await client.QueryAsync(query, null, Ct)).Samples.Count > 0)
                return;
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"no result for {query}");
    }

    /// <summary>
    /// A fake container log that writes 1 info line every time it is read and, once <see cref="StartFailing"/> was called,
    /// 3 error lines as well.
    /// </summary>
    private sealed class GrowingLogSource(TimeProvider time) : ILogSource
    {
        private readonly List<LogLine> lines = [];
        private volatile bool failing;

        public void StartFailing() => failing = true;

        public Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            lock (lines)
            {
                lines.Add(new(now, "INFO GET /orders 200"));
                if (failing)
                {
                    lines.Add(new(now, "ERROR payment provider timeout"));
                    lines.Add(new(now, "ERROR payment provider timeout"));
                    lines.Add(new(now, "Unhandled exception. System.InvalidOperationException"));
                }
                return Task.FromResult<IReadOnlyList<LogLine>>([.. lines.Where(l => l.Timestamp >= since)]);
            }
        }
    }
}

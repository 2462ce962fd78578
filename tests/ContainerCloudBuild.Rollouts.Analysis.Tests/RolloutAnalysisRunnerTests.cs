using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Providers.Logs;
using ContainerCloudBuild.Rollouts.Analysis.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>The adapter without servers: template lookup, arguments, measurement mapping, log lines in failures.</summary>
public sealed class RolloutAnalysisRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly RevisionInfo Candidate = new() { Revision = "v2", Image = "img:v2", StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1) };

    private static AnalysisRequest Request(string template, Dictionary<string, string>? args = null) =>
        new("shop", template, args ?? [], new RevisionInfo { Revision = "v1", Image = "img:v1" }, Candidate, 50);

    private sealed class FixedProvider(params double[] values) : IMetricProvider
    {
        public List<MetricQuery> Queries { get; } = [];
        public string Name => "fixed";

        public Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
        {
            lock (Queries) Queries.Add(query);
            return Task.FromResult(ProviderReading.Of(values));
        }
    }

    private sealed class ListLogs(params string[] lines) : ILogSource
    {
        private readonly DateTimeOffset _at = DateTimeOffset.UtcNow.AddSeconds(-1);

        public Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LogLine>>([.. lines.Select((l, i) => new LogLine(_at.AddMilliseconds(i), l)).Where(l => l.Timestamp >= since)]);
    }

    private sealed class OneMetric(IMetricProvider provider) : IRolloutAnalysisTemplate
    {
        public IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context) =>
            [new("error-rate", provider) { Query = "errors{app=\"{{app}}\",server=\"{{server}}\",backend=\"{{backend}}\"}", SuccessCondition = Condition.Parse("< 0.05"), Interval = TimeSpan.FromMilliseconds(10), Count = 2 }];
    }

    private static RolloutAnalysisRunner Runner(IMetricProvider provider, List<string> output, ILogSource? logs = null) =>
        new(new Dictionary<string, IRolloutAnalysisTemplate> { ["errors"] = new OneMetric(provider) },
            new RolloutAnalysisOptions { Output = output.Add, CandidateLogs = logs is null ? null : (_, _) => logs, LogPollInterval = TimeSpan.FromMilliseconds(5) });

    [Fact]
    public async Task Run_UnknownTemplate_FailsNamingTheKnownOnes()
    {
        using var runner = Runner(new FixedProvider(0), []);

        var result = await runner.RunAsync(Request("nope"), Ct);

        Assert.Equal(AnalysisVerdict.Failed, result.Verdict);
        Assert.Equal("analysis template 'nope' is unknown; known templates: errors", result.Message);
    }

    [Fact]
    public async Task Run_PassingMetric_RendersRolloutArgsAndMapsEveryMeasurement()
    {
        var provider = new FixedProvider(0.01);
        var output = new List<string>();
        using var runner = Runner(provider, output);

        var result = await runner.RunAsync(Request("errors"), Ct);

        Assert.Equal(AnalysisVerdict.Successful, result.Verdict);
        Assert.Equal("errors{app=\"shop\",server=\"v2\",backend=\"shop\"}", provider.Queries[0].Query);
        Assert.Equal(2, result.Measurements.Count);
        Assert.All(result.Measurements, m => Assert.Equal(("error-rate", 0.01, "success < 0.05", AnalysisVerdict.Successful), (m.Metric, m.Value!.Value, m.Condition, m.Verdict)));
        Assert.Contains(output, l => l.StartsWith("[analysis shop/v2] error-rate #2: value 0.01 vs success < 0.05 -> Successful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FailingMetric_PrintsCandidateLogsWithRevisionAndPutsLastLinesInTheMessage()
    {
        var output = new List<string>();
        using var runner = Runner(new FixedProvider(0.3), output, new ListLogs("GET /pay", "ERROR db down"));

        var result = await runner.RunAsync(Request("errors"), Ct);

        Assert.Equal(AnalysisVerdict.Failed, result.Verdict);
        Assert.Contains("value 0.3 does not meet the success condition < 0.05", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("; last log lines of v2: GET /pay | ERROR db down", result.Message, StringComparison.Ordinal);
        Assert.Contains("[v2] ERROR db down", output);
    }

    [Theory]
    [InlineData(MeasurementVerdict.Successful, AnalysisVerdict.Successful)]
    [InlineData(MeasurementVerdict.Failed, AnalysisVerdict.Failed)]
    [InlineData(MeasurementVerdict.Error, AnalysisVerdict.Failed)]
    [InlineData(MeasurementVerdict.NoData, AnalysisVerdict.Inconclusive)]
    [InlineData(MeasurementVerdict.Inconclusive, AnalysisVerdict.Inconclusive)]
    public void ToRollout_Verdicts_NeverTurnErrorsOrNoDataIntoSuccess(MeasurementVerdict verdict, AnalysisVerdict expected)
    {
        var m = MeasurementMapping.ToRollout(new AnalysisMeasurement("m", 3, DateTimeOffset.UtcNow, [0.98, double.NaN, 0.5], ">= 0.9", verdict, "why"));

        Assert.Equal(expected, m.Verdict);
        Assert.Equal(0.5, m.Value);
        Assert.EndsWith("why", m.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HaproxyCanary_StepArgs_OverrideNoDataFailureLimitCountAndInterval()
    {
        var template = new HaproxyCanaryTemplate(new FixedProvider(1), new HaproxyCanaryOptions());
        var request = Request(HaproxyCanaryTemplate.Name, new() { ["noData"] = "Pause", ["failureLimit"] = "3", ["count"] = "7", ["intervalSeconds"] = "3" });

        var metrics = template.Build(new AnalysisTemplateContext(request, request.Args, new ListLogs(), TimeProvider.System));

        Assert.Equal(3, metrics.Count);
        Assert.All(metrics, m => Assert.Equal((3, 7, TimeSpan.FromSeconds(3)), (m.FailureLimit, m.Count, m.Interval)));
        Assert.All(metrics.Take(2), m => Assert.Equal(NoDataPolicy.Pause, m.NoData));
        Assert.Equal(HaproxyCanaryTemplate.LogMetricName, metrics[2].Name);
    }

    [Fact]
    public async Task HaproxyCanary_BadNoDataArgument_FailsTheAnalysisNamingTheArgument()
    {
        using var runner = RolloutAnalysis.ForPrometheus(new Uri("http://127.0.0.1:1/"), new RolloutAnalysisOptions());

        var result = await runner.RunAsync(Request(HaproxyCanaryTemplate.Name, new() { ["noData"] = "maybe" }), Ct);

        Assert.Equal(AnalysisVerdict.Failed, result.Verdict);
        Assert.Contains("'noData' of 'haproxy-canary' is 'maybe'; use fail, pause or pass", result.Message, StringComparison.Ordinal);
    }
}

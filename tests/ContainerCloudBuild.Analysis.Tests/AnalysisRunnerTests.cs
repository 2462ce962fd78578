using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public class AnalysisRunnerTests
{
    private static readonly Dictionary<string, string> Args = new() { ["app"] = "shop", ["revision"] = "r2" };

    private static AnalysisMetric Metric(string name, IMetricProvider provider, int count = 5) => new(name, provider)
    {
        Query = "ratio{app=\"{{app}}\",revision=\"{{revision}}\"}[{{interval}}]",
        SuccessCondition = Condition.Parse(">= 0.99"),
        Interval = TimeSpan.FromSeconds(10),
        Count = count,
    };

    private static async Task<AnalysisResult> Run(IReadOnlyList<AnalysisMetric> metrics, List<AnalysisMeasurement>? seen = null, FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider();
        var observer = new DelegateAnalysisObserver(m => { lock (seen ?? []) seen?.Add(m); });
        var run = new AnalysisRunner(time).RunAsync(metrics, Args, observer, TestContext.Current.CancellationToken);
        return await FakeTime.Drive(time, run, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task RunAsync_AllValuesPass_IsSuccessfulAndRendersQuery()
    {
        var provider = new ScriptedProvider(ProviderReading.Of(0.995));
        var seen = new List<AnalysisMeasurement>();
        var result = await Run([Metric("ratio", provider, count: 3)], seen);
        Assert.Equal(AnalysisOutcome.Successful, result.Outcome);
        Assert.Equal(3, result.Measurements.Count);
        Assert.Equal(result.Measurements, seen);
        Assert.All(result.Measurements, m => Assert.Equal(MeasurementVerdict.Successful, m.Verdict));
        Assert.Equal("ratio{app=\"shop\",revision=\"r2\"}[10s]", provider.Queries[0].Query);
    }

    [Fact]
    public async Task RunAsync_FailuresBeyondLimit_FailsAtLimitPlusOneNamingValueAndThreshold()
    {
        var provider = new ScriptedProvider(ProviderReading.Of(0.995), ProviderReading.Of(0.8), ProviderReading.Of(0.995), ProviderReading.Of(0.7));
        var metric = Metric("ratio", provider, count: 10) with { FailureLimit = 1 };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal(4, result.Measurements.Count);
        Assert.Equal("ratio", result.DecidingMetric);
        Assert.Equal(0.7, Assert.Single(result.DecidingMeasurement!.Values));
        Assert.Contains("0.7", result.Message, StringComparison.Ordinal);
        Assert.Contains(">= 0.99", result.Message, StringComparison.Ordinal);
        Assert.Contains("failure limit 1", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FailureCondition_FailsWhenMet()
    {
        var metric = new AnalysisMetric("latency", new ScriptedProvider(ProviderReading.Of(0.2), ProviderReading.Of(0.9)))
        {
            FailureCondition = Condition.Parse("> 0.5"),
            Count = 3,
            Interval = TimeSpan.FromSeconds(1),
        };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("value 0.9 meets the failure condition > 0.5", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NeitherConditionMet_IsInconclusive()
    {
        var metric = Metric("ratio", new ScriptedProvider(ProviderReading.Of(0.95))) with { FailureCondition = Condition.Parse("< 0.9") };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Inconclusive, result.Outcome);
        Assert.Single(result.Measurements);
    }

    [Fact]
    public async Task RunAsync_ConsecutiveErrorsBeyondLimit_FailsWithProviderMessage()
    {
        var provider = new ScriptedProvider(ProviderReading.Of(0.995), ProviderReading.Error("connection refused"));
        var metric = Metric("ratio", provider, count: 20) with { ConsecutiveErrorLimit = 2 };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal(4, result.Measurements.Count); // 1 good + 3 errors
        Assert.Contains("3 consecutive provider errors", result.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ErrorsBetweenGoodValues_ResetTheStreak()
    {
        var e = ProviderReading.Error("timeout");
        var ok = ProviderReading.Of(1);
        var metric = Metric("ratio", new ScriptedProvider(e, e, ok, e, e, ok), count: 6) with { ConsecutiveErrorLimit = 2 };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Successful, result.Outcome);
        Assert.Equal(4, result.Measurements.Count(m => m.Verdict == MeasurementVerdict.Error));
    }

    [Fact]
    public async Task RunAsync_OnlyErrorsWithinLimit_NeverPasses()
    {
        var metric = Metric("ratio", new ScriptedProvider(ProviderReading.Error("503 from prometheus")), count: 2) with { ConsecutiveErrorLimit = 4 };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("cannot pass on errors", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ProviderThrows_IsAnErrorMeasurementNotACrash()
    {
        var metric = Metric("ratio", new ThrowingProvider(), count: 1) with { ConsecutiveErrorLimit = 0 };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("boom", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InitialDelayAndInterval_AreHonouredOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var metric = Metric("ratio", new ScriptedProvider(ProviderReading.Of(1)), count: 3) with { InitialDelay = TimeSpan.FromSeconds(30) };
        var result = await Run([metric], time: time);
        var stamps = result.Measurements.Select(m => m.Timestamp - start).ToList();
        Assert.True(stamps[0] >= TimeSpan.FromSeconds(30), $"first measurement at {stamps[0]}");
        Assert.True(stamps[1] - stamps[0] >= TimeSpan.FromSeconds(10));
        Assert.True(stamps[2] - stamps[1] >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RunAsync_OneMetricFails_StopsTheOthersAndNamesTheFailingOne()
    {
        var good = new ScriptedProvider(ProviderReading.Of(1));
        var bad = new ScriptedProvider(ProviderReading.Of(1), ProviderReading.Of(0.5));
        var result = await Run([Metric("good", good, count: 50), Metric("bad", bad, count: 50)]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Equal("bad", result.DecidingMetric);
        Assert.True(good.Calls < 10, $"good metric kept measuring: {good.Calls} calls");
    }

    [Fact]
    public async Task RunAsync_UnknownTemplateArgument_FailsWithoutMeasuring()
    {
        var provider = new ScriptedProvider(ProviderReading.Of(1));
        var metric = Metric("ratio", provider) with { Query = "x{{{nope}}}" };
        var result = await Run([metric]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("nope", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, provider.Calls);
    }

    [Fact]
    public async Task RunAsync_NoCondition_FailsAsMisconfigured()
    {
        var result = await Run([new AnalysisMetric("ratio", new ScriptedProvider(ProviderReading.Of(1)))]);
        Assert.Equal(AnalysisOutcome.Failed, result.Outcome);
        Assert.Contains("neither a success nor a failure condition", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var time = new FakeTimeProvider();
        var run = new AnalysisRunner(time).RunAsync([Metric("ratio", new ScriptedProvider(ProviderReading.Of(1)), count: 100)], Args,
            DelegateAnalysisObserver.None, cts.Token);
        time.Advance(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    private sealed class ThrowingProvider : IMetricProvider
    {
        public string Name => "throwing";

        public Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}

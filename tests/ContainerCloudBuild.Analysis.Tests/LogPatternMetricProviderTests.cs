using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Providers.Logs;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public class LogPatternMetricProviderTests
{
    private sealed class ListLogSource(List<LogLine> lines) : ILogSource
    {
        public DateTimeOffset? AskedSince { get; private set; }

        public Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
        {
            AskedSince = since;
            return Task.FromResult<IReadOnlyList<LogLine>>([.. lines.Where(l => l.Timestamp >= since)]);
        }
    }

    [Fact]
    public async Task MeasureAsync_CountsMatchingLinesInTheIntervalOnly()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var source = new ListLogSource(
        [
            new(now.AddSeconds(-30), "ERROR old failure outside the window"),
            new(now.AddSeconds(-5), "INFO request ok"),
            new(now.AddSeconds(-4), "ERROR payment failed"),
            new(now.AddSeconds(-3), "System.NullReferenceException: boom"),
            new(now.AddSeconds(-2), "WARN slow"),
        ]);
        var provider = new LogPatternMetricProvider(source, ["ERROR", "Exception"], time);
        var reading = await provider.MeasureAsync(new MetricQuery("errors", "", TimeSpan.FromSeconds(10), new Dictionary<string, string>()),
            TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(reading.Values));
        Assert.Equal(now.AddSeconds(-10), source.AskedSince);
        Assert.Equal(["ERROR payment failed", "System.NullReferenceException: boom"], provider.LastMatches);
    }

    [Fact]
    public async Task RunAsync_ErrorLinesAboveThreshold_Fails_CleanLogPasses()
    {
        var time = new FakeTimeProvider();
        var lines = Enumerable.Range(0, 6).Select(i => new LogLine(time.GetUtcNow(), $"ERROR {i}")).ToList();
        AnalysisMetric Metric(ILogSource s) => new("error-lines", new LogPatternMetricProvider(s, ["ERROR"], time))
        {
            SuccessCondition = Condition.Parse("<= 5"),
        };
        var failing = await new AnalysisRunner(time).RunAsync([Metric(new ListLogSource(lines))], new Dictionary<string, string>(),
            DelegateAnalysisObserver.None, TestContext.Current.CancellationToken);
        Assert.Equal(AnalysisOutcome.Failed, failing.Outcome);
        Assert.Contains("value 6 does not meet the success condition <= 5", failing.Message, StringComparison.Ordinal);
        Assert.Contains("last matching lines: ERROR 1 | ERROR 2 | ERROR 3 | ERROR 4 | ERROR 5", failing.Message, StringComparison.Ordinal);

        var clean = await new AnalysisRunner(time).RunAsync([Metric(new ListLogSource([]))], new Dictionary<string, string>(),
            DelegateAnalysisObserver.None, TestContext.Current.CancellationToken);
        Assert.Equal(AnalysisOutcome.Successful, clean.Outcome);
    }

    [Fact]
    public void Constructor_NoPatterns_Throws() =>
        Assert.Throws<ArgumentException>(() => new LogPatternMetricProvider(new ListLogSource([]), [], TimeProvider.System));
}

using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Tests.Support;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Analysis.Tests;

public class AnalysisEventObserverTests
{
    private sealed class ListSink : IEventSink
    {
        public List<PipelineEvent> Events { get; } = [];

        public string Name => "list";

        public Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken)
        {
            lock (Events)
                Events.AddRange(batch);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Observer_FailedAnalysis_ShipsEveryMeasurementAndTheResultMatchingTheRecord()
    {
        var sink = new ListSink();
        var shipper = new EventShipper(sink, new SecretMasker(["tok-123"]), new EventShipperOptions { FlushInterval = TimeSpan.FromMilliseconds(10) }, TimeProvider.System);
        var forwarded = new List<AnalysisMeasurement>();
        var observer = new AnalysisEventObserver(shipper, new Dictionary<string, string> { ["app"] = "shop", ["revision"] = "r2", ["token"] = "tok-123" },
            new DelegateAnalysisObserver(forwarded.Add));
        var metric = new AnalysisMetric("ratio", new ScriptedProvider(ProviderReading.Of(1), ProviderReading.Of(0.5)))
        {
            SuccessCondition = Condition.Parse(">= 0.99"),
            Count = 2,
            Interval = TimeSpan.FromMilliseconds(10),
        };
        var result = await new AnalysisRunner(TimeProvider.System).RunAsync([metric], new Dictionary<string, string>(), observer, TestContext.Current.CancellationToken);
        observer.OnResult(result, TimeProvider.System);
        await shipper.DisposeAsync();

        Assert.Equal(result.Measurements, forwarded);
        Assert.Equal(3, sink.Events.Count);
        var measurements = sink.Events.Where(e => e.Type == "analysis.measurement").ToList();
        Assert.Equal(result.Measurements.Select(m => (m.Metric, m.ValueText, m.Verdict.ToString(), m.Message)),
            measurements.Select(e => (e.Fields["metric"], e.Fields["value"], e.Fields["verdict"], e.Message)));
        var final = Assert.Single(sink.Events, e => e.Type == "analysis.result");
        Assert.Equal("Failed", final.Fields["outcome"]);
        Assert.Equal("0.5", final.Fields["value"]);
        Assert.Equal("success >= 0.99", final.Fields["condition"]);
        Assert.All(sink.Events, e => Assert.Equal("***", e.Fields["token"]));
    }
}

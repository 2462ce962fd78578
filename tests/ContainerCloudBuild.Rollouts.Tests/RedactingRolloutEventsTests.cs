using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class RedactingRolloutEventsTests
{
    [Fact]
    public void Publish_RemovesSecretsBeforeAnySinkSeesTheMessage()
    {
        var sink = new RecordingRolloutEvents();
        var events = new RedactingRolloutEvents(sink, m => m.Replace("tok-42", "***", StringComparison.Ordinal));

        events.Publish(new RolloutEvent(DateTimeOffset.UnixEpoch, "app", RolloutEventKind.HookBlocked, "webhook https://h/?token=tok-42 answered 503", "v2"));

        var published = Assert.Single(sink.Events);
        Assert.Equal("webhook https://h/?token=*** answered 503", published.Message);
        Assert.Equal(("app", RolloutEventKind.HookBlocked, "v2"), (published.App, published.Kind, published.Revision));
    }

    [Fact]
    public void Publish_RemovesSecretsFromTheMeasurementsMessage()
    {
        var sink = new RecordingRolloutEvents();
        var events = new RedactingRolloutEvents(sink, m => m.Replace("tok-42", "***", StringComparison.Ordinal));

        events.Publish(new RolloutEvent(DateTimeOffset.UnixEpoch, "app", RolloutEventKind.Measurement, "errors = 2", "v2")
        {
            Measurement = new RolloutAnalysisMeasurement("errors", 2, "< 1", AnalysisVerdict.Failed, "log: auth tok-42 rejected"),
        });

        var measurement = Assert.Single(sink.Events).Measurement!;
        Assert.Equal(("errors", 2.0, "log: auth *** rejected"), (measurement.Metric, measurement.Value!.Value, measurement.Message));
    }
}

using System.Text.Json;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Tests.Support;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public sealed class EventShipperTests : IDisposable
{
    private const string Secret = "Harb0r-Rob0t-S3cret";
    private readonly TestHttpServer server = new();
    private readonly HttpClient http = new();

    private static readonly EventShipperOptions Fast = new()
    {
        BatchSize = 3,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        Retry = new RetryOptions { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(50) },
    };

    private static List<PipelineEvent> Events(int n) =>
    [
        .. Enumerable.Range(0, n).Select(i => new PipelineEvent(
            new DateTimeOffset(2026, 11, 27, 1, 0, i, 123, TimeSpan.Zero).AddTicks(4567),
            i % 2 == 0 ? "rollout.step" : "rollout.analysis",
            $"step {i} pushed with robot secret {Secret}",
            new Dictionary<string, string> { ["app"] = "shop", ["step"] = $"{i}", ["registry-password"] = Secret })),
    ];

    private async Task<List<PipelineEvent>> Ship(IEventSink sink, List<PipelineEvent> events)
    {
        await using (var shipper = new EventShipper(sink, new SecretMasker([Secret]), Fast, TimeProvider.System))
        {
            foreach (var e in events)
                Assert.True(shipper.Publish(e));
        }
        Assert.All(server.Received, r => Assert.DoesNotContain(Secret, r.Body, StringComparison.Ordinal));
        return [.. events.Select(new SecretMasker([Secret]).Apply)];
    }

    [Fact]
    public async Task Loki_ReceivesEveryEventAsStreamValuesWithNanosecondTimestamps()
    {
        var sink = new LokiSink(http, server.BaseAddress, new Dictionary<string, string> { ["job"] = "ccb", ["app"] = "shop" });
        var expected = await Ship(sink, Events(7));

        Assert.All(server.Received, r => Assert.Equal("/loki/api/v1/push", r.Path));
        Assert.True(server.Received.Count >= 3, $"7 events in batches of 3 need at least 3 pushes, got {server.Received.Count}");
        var received = new List<(string Ns, PipelineEvent Event, string Type)>();
        foreach (var request in server.Received)
        {
            using var doc = JsonDocument.Parse(request.Body);
            foreach (var stream in doc.RootElement.GetProperty("streams").EnumerateArray())
            {
                var labels = stream.GetProperty("stream");
                Assert.Equal("ccb", labels.GetProperty("job").GetString());
                foreach (var value in stream.GetProperty("values").EnumerateArray())
                {
                    var e = JsonSerializer.Deserialize<PipelineEventDto>(value[1].GetString()!, EventJson.Options)!;
                    received.Add((value[0].GetString()!, e.ToEvent(), labels.GetProperty("type").GetString()!));
                }
            }
        }
        Assert.Equal(expected.Count, received.Count);
        foreach (var want in expected)
        {
            var got = Assert.Single(received, r => r.Event.Fields["step"] == want.Fields["step"]);
            Assert.Equal(want.Message, got.Event.Message);
            Assert.Equal(want.Type, got.Type);
            Assert.Equal(want.Fields, got.Event.Fields);
            Assert.Equal((want.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, long.Parse(got.Ns, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task FluentBit_ReceivesJsonArraysOfRecordsMatchingTheEvents()
    {
        var expected = await Ship(new FluentBitSink(http, new Uri(server.BaseAddress, "ccb.events")), Events(5));
        var received = server.Received.SelectMany(r =>
        {
            Assert.Equal("/ccb.events", r.Path);
            Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal);
            return JsonSerializer.Deserialize<List<PipelineEventDto>>(r.Body, EventJson.Options)!;
        }).Select(d => d.ToEvent()).OrderBy(e => e.Timestamp).ToList();
        Assert.Equal(expected.Count, received.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Timestamp, received[i].Timestamp);
            Assert.Equal(expected[i].Message, received[i].Message);
            Assert.Equal(expected[i].Fields, received[i].Fields);
            Assert.Contains("***", received[i].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Shipper_ServerAnswers500_RetriesAndDeliversEverything()
    {
        server.Respond = (_, i) => i == 0 ? (500, "ingester unavailable") : (204, "");
        var sink = new LokiSink(http, server.BaseAddress, new Dictionary<string, string> { ["job"] = "ccb" });
        await Ship(sink, Events(2));
        Assert.Equal(2, server.Received.Count);
        Assert.Equal(server.Received[0].Body, server.Received[1].Body);
    }

    [Fact]
    public async Task Shipper_SinkKeepsFailing_GivesUpAfterRetriesAndCountsIt()
    {
        server.Respond = (_, _) => (500, "down");
        var shipper = new EventShipper(new FluentBitSink(http, server.BaseAddress), new SecretMasker(), Fast, TimeProvider.System);
        shipper.Publish(Events(1)[0]);
        await shipper.DisposeAsync();
        Assert.Equal(Fast.Retry.MaxAttempts, server.Received.Count);
        Assert.Equal(1, shipper.FailedBatches);
        Assert.Equal(0, shipper.Sent);
    }

    [Fact]
    public async Task Shipper_BufferFull_DropsOldestAndCounts()
    {
        var gate = new TaskCompletionSource();
        var sink = new BlockingSink(gate.Task);
        var shipper = new EventShipper(sink, new SecretMasker(), Fast with { BufferCapacity = 4, BatchSize = 1 }, TimeProvider.System);
        foreach (var e in Events(20))
            shipper.Publish(e);
        Assert.True(shipper.Dropped >= 15, $"dropped {shipper.Dropped}");
        gate.SetResult();
        await shipper.DisposeAsync();
        Assert.Equal(20 - shipper.Dropped, shipper.Sent);
    }

    [Fact]
    public async Task JsonLinesFile_WritesOneRedactedObjectPerLine()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("logs", "events.jsonl");
        var expected = await Ship(new JsonLinesFileSink(path), Events(4));
        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain(Secret, l, StringComparison.Ordinal));
        Assert.Equal(expected.Select(e => e.ToJson()), lines);
    }

    private sealed class BlockingSink(Task gate) : IEventSink
    {
        public string Name => "blocking";

        public Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken) => gate;
    }

    private sealed record PipelineEventDto(DateTimeOffset Time, string Type, string Message, Dictionary<string, string> Fields, string Level)
    {
        public PipelineEvent ToEvent() => new(Time, Type, Message, Fields) { Level = Level };
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
    }
}

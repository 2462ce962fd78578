using ContainerCloudBuild.Analysis.Providers.Logs;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Analysis.Tests;

public class LogStreamerTests
{
    private sealed class AppendingSource : ILogSource
    {
        public List<LogLine> Lines { get; } = [];

        public Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LogLine>>([.. Lines.Where(l => l.Timestamp >= since)]);
    }

    [Fact]
    public async Task PollOnce_NewLines_AreWrittenOnceWithRevisionPrefixAndKept()
    {
        var time = new FakeTimeProvider();
        var t0 = time.GetUtcNow();
        var source = new AppendingSource();
        var written = new List<string>();
        var streamer = new LogStreamer(source, "r2", written.Add, time, keep: 2);
        await streamer.RunAsync(t0, TimeSpan.FromSeconds(1), new CancellationToken(canceled: true));

        source.Lines.Add(new(t0.AddSeconds(1), "starting"));
        source.Lines.Add(new(t0.AddSeconds(2), "ERROR db"));
        await streamer.PollOnceAsync(TestContext.Current.CancellationToken);
        source.Lines.Add(new(t0.AddSeconds(2), "ERROR cache")); // same timestamp as the last line seen
        source.Lines.Add(new(t0.AddSeconds(3), "ready"));
        await streamer.PollOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["[r2] starting", "[r2] ERROR db", "[r2] ERROR cache", "[r2] ready"], written);
        Assert.Equal(["ERROR cache", "ready"], streamer.LastLines);
        Assert.Equal("last log lines of r2: ERROR cache | ready", streamer.Describe());
    }

    [Fact]
    public async Task RunAsync_PollsOnTheInjectedClockUntilCancelled()
    {
        var time = new FakeTimeProvider();
        var source = new AppendingSource();
        var written = new List<string>();
        using var cts = new CancellationTokenSource();
        var streamer = new LogStreamer(source, "r3", l => { lock (written) written.Add(l); }, time);
        var run = streamer.RunAsync(time.GetUtcNow(), TimeSpan.FromSeconds(1), cts.Token);
        source.Lines.Add(new(time.GetUtcNow(), "hello"));
        for (var i = 0; i < 50 && written.Count == 0; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        await cts.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["[r3] hello"], written);
    }
}

using ContainerCloudBuild.Zabbix.Sender;
using ContainerCloudBuild.Zabbix.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Zabbix.Tests;

/// <summary>The retry until the server accepts a value, against a trapper that accepts late or never, on a fake clock.</summary>
public sealed class ZabbixSenderUntilAcceptedTests
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendUntilAccepted_AcceptedOnTheThirdRequest_ReturnsWithoutAFourth()
    {
        await using var trapper = new StubTrapper(acceptFrom: 3);
        var time = new FakeTimeProvider();
        var sender = new ZabbixSender("127.0.0.1", trapper.Port, time);

        await RunOnFakeClockAsync(sender.SendUntilAcceptedAsync(new SenderValue("h", "k", "1"), TimeSpan.FromHours(1), RetryDelay, Ct), time);

        Assert.Equal(3, trapper.Requests);
    }

    [Fact]
    public async Task SendUntilAccepted_NeverAccepted_ThrowsAfterTheTimeoutNamingValueServerAndCache()
    {
        await using var trapper = new StubTrapper(acceptFrom: null);
        var time = new FakeTimeProvider();
        var started = time.GetUtcNow();
        var sender = new ZabbixSender("127.0.0.1", trapper.Port, time);

        var ex = await Assert.ThrowsAsync<ZabbixSenderException>(() =>
            RunOnFakeClockAsync(sender.SendUntilAcceptedAsync(new SenderValue("web-r2", "ccb.registered", "1"), TimeSpan.FromSeconds(10), RetryDelay, Ct), time));

        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromSeconds(10), $"gave up after {time.GetUtcNow() - started}");
        Assert.True(trapper.Requests >= 2, $"{trapper.Requests} requests");
        Assert.Equal(["web-r2:ccb.registered"], ex.Rejected.Select(v => v.ToString()));
        Assert.StartsWith($"Zabbix server {sender.Server} did not accept a value for web-r2:ccb.registered within 10 s (last reply: success processed: 0; failed: 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CacheUpdateFrequency", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Moves the fake clock a retry delay at a time until the wait ends (a step before its delay started only brings the timeout closer).</summary>
    private static async Task RunOnFakeClockAsync(Task wait, FakeTimeProvider time)
    {
        while (!wait.IsCompleted)
        {
            time.Advance(RetryDelay);
            await Task.WhenAny(wait, Task.Delay(10, Ct));
        }
        await wait;
    }
}

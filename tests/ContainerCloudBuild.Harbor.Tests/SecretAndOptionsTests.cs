using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Harbor.Tests.Support;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class SecretAndOptionsTests
{
    [Fact]
    public void HarborSecret_ToStringAndRecords_NeverShowValue()
    {
        var secret = new HarborSecret("top-secret-value");
        var options = new HarborClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/"), Username = "u", Password = secret };
        var robot = new RobotAccount(1, "robot$p+ci", secret, null);

        Assert.Equal("top-secret-value", secret.Reveal());
        Assert.DoesNotContain("top-secret-value", secret.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-value", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("top-secret-value", robot.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new HarborSecret(""));
    }

    [Fact]
    public void HarborClient_InvalidOptions_AreRejected()
    {
        var options = new HarborClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/"), Username = "u", Password = new HarborSecret("p") };
        Assert.Throws<ArgumentOutOfRangeException>(() => new HarborClient(options with { PageSize = 101 }, new CapturingLogger(), TimeProvider.System));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HarborClient(options with { Retry = new RetryOptions { MaxAttempts = 0 } }, new CapturingLogger(), TimeProvider.System));
    }

    [Fact]
    public async Task AnyCall_CancelledToken_ThrowsOperationCanceled()
    {
        await using var h = new HarborTestContext();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.PingAsync(cancelled.Token));
        Assert.Empty(h.Server.Requests);
    }
}

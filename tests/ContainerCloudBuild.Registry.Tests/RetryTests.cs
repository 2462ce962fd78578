using System.Net;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Registry.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>Status handling and retry policy, with a scripted registry.</summary>
public sealed class RetryTests
{
    private const string Host = "registry.test:5000";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeRegistryHandler _handler = new();

    [Fact]
    public async Task Ping_UnexpectedStatus_ThrowsWithStatusAndRegistryErrors()
    {
        _handler.Override = _ => FakeRegistryHandler.Json(HttpStatusCode.Forbidden,
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"project is read-only\"}]}");

        var ex = await Assert.ThrowsAsync<RegistryException>(
            () => Clients.Create(_handler, new RegistryClientOptions { UsePlainHttp = _ => true }).PingAsync(Host, Ct));

        Assert.Equal(HttpStatusCode.Forbidden, ex.StatusCode);
        Assert.Equal(new RegistryError("DENIED", "project is read-only"), Assert.Single(ex.Errors));
        Assert.Contains("project is read-only", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Host, ex.Message, StringComparison.Ordinal);
        Assert.Equal("ping", ex.Operation);
    }

    [Fact]
    public async Task Ping_TransientFailuresThenSuccess_Retries()
    {
        var calls = 0;
        _handler.Override = _ => ++calls <= 2
            ? FakeRegistryHandler.Json(HttpStatusCode.ServiceUnavailable, "busy")
            : new HttpResponseMessage(HttpStatusCode.OK);

        var ping = await Clients.Create(_handler, new RegistryClientOptions { UsePlainHttp = _ => true }).PingAsync(Host, Ct);

        Assert.Equal(Host, ping.Registry);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Ping_RegistryKeepsRefusing_WaitsAtMostMaxDelayBetweenAttemptsThenThrowsWithLastStatusAndBody()
    {
        var time = new FakeTimeProvider();
        var calls = new SemaphoreSlim(0);
        _handler.Override = _ =>
        {
            calls.Release();
            return FakeRegistryHandler.Json(HttpStatusCode.ServiceUnavailable,
                "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"read-only maintenance\"}]}");
        };
        var retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(2) };
        var client = new RegistryClient(new HttpClient(_handler),
            new RegistryClientOptions { UsePlainHttp = _ => true, Retry = retry }, time, NullLogger<RegistryClient>.Instance);

        var ping = client.PingAsync(Host, Ct);

        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        await AdvanceAsync(time, retry.MaxDelay);
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct)); // the jittered wait never exceeds MaxDelay
        await AdvanceAsync(time, retry.MaxDelay);
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct));

        var ex = await Assert.ThrowsAsync<RegistryUnavailableException>(() => ping);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("UNAVAILABLE", Assert.Single(ex.Errors).Code);
        Assert.Contains($"Registry {Host} failed ping after 3 attempts (last error: 503 ServiceUnavailable)", ex.Message, StringComparison.Ordinal);
        Assert.False(await calls.WaitAsync(TimeSpan.Zero, Ct));
    }

    [Fact]
    public async Task Ping_WithoutJitter_WaitsTheExponentialDelays()
    {
        var time = new FakeTimeProvider();
        var calls = new SemaphoreSlim(0);
        _handler.Override = _ =>
        {
            calls.Release();
            return FakeRegistryHandler.Json(HttpStatusCode.ServiceUnavailable, "busy");
        };
        var retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10), UseJitter = false };
        var client = new RegistryClient(new HttpClient(_handler),
            new RegistryClientOptions { UsePlainHttp = _ => true, Retry = retry }, time, NullLogger<RegistryClient>.Instance);

        var ping = client.PingAsync(Host, Ct);

        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(999));
        Assert.False(await calls.WaitAsync(TimeSpan.FromMilliseconds(50), Ct)); // still waiting out the first 1 s delay
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(1));
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(1999));
        Assert.False(await calls.WaitAsync(TimeSpan.FromMilliseconds(50), Ct)); // second delay is 2 s
        await AdvanceAsync(time, TimeSpan.FromMilliseconds(1));
        Assert.True(await calls.WaitAsync(TimeSpan.FromSeconds(5), Ct));
        await Assert.ThrowsAsync<RegistryUnavailableException>(() => ping);
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        await Task.Delay(50, Ct); // let the client reach its backoff delay before moving the clock
        time.Advance(by);
    }
}

using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Registry.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Registry.Tests;

public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_NothingListening_RetriesThenThrowsNamingRegistryAndOperation()
    {
        var host = $"127.0.0.1:{FreePort.Next()}";
        var recorder = new RecordingHandler();
        var client = Clients.Create(recorder, new RegistryClientOptions { Retry = new RetryOptions { MaxAttempts = 3 } });

        var ex = await Assert.ThrowsAsync<RegistryUnavailableException>(() => client.PingAsync(host, Ct));

        Assert.Equal(3, recorder.Exchanges.Count);
        Assert.All(recorder.Exchanges, e => Assert.Null(e.Status));
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(host, ex.Registry);
        Assert.Contains(host, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ping", ex.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task Resolve_RegistryStopped_RetriesThenThrowsUnavailable()
    {
        RequiredService.Require(RegistryServer.IsInstalled, "docker-registry", RegistryServer.HowToInstall);
        var server = await RegistryServer.StartAnonymousAsync(Ct);
        var host = server.Host;
        var client = Clients.Create(new RecordingHandler(), new RegistryClientOptions { Retry = new RetryOptions { MaxAttempts = 2 } });
        await client.PingAsync(host, Ct);
        await server.DisposeAsync();

        var ex = await Assert.ThrowsAsync<RegistryUnavailableException>(
            () => client.ResolveAsync(new ImageReference(host, "team/app", "1.0"), Ct));

        Assert.Equal(2, ex.Attempts);
        Assert.Contains($"resolve {host}/team/app:1.0", ex.Message, StringComparison.Ordinal);
    }
}

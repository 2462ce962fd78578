using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Registry.Tests;

public sealed class TokenCachingTests
{
    private const string Host = "registry.test:5000";
    private readonly FakeRegistryHandler _handler = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private RegistryClient CreateClient() => Clients.Create(_handler, new RegistryClientOptions
    {
        Credentials = [new RegistryCredentials(Host, "ci", "pw")],
        UsePlainHttp = _ => true,
    }, _time);

    [Fact]
    public async Task Resolve_SameScopeTwiceBeforeExpiry_FetchesOneToken()
    {
        var client = CreateClient();
        var image = new ImageReference(Host, "team/app", "1.0");

        var first = await client.ResolveAsync(image, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(200));
        var second = await client.ResolveAsync(image, TestContext.Current.CancellationToken);

        Assert.Equal(FakeRegistryHandler.Digest, first.Digest);
        Assert.Equal(FakeRegistryHandler.Digest, second.Digest);
        Assert.Equal(1, _handler.TokensIssued);
        var tokenRequest = Assert.Single(_handler.TokenRequests);
        Assert.Equal("Basic", tokenRequest.Headers.Authorization?.Scheme);
        Assert.Contains("service=fake-registry", tokenRequest.RequestUri!.Query, StringComparison.Ordinal);
        Assert.Contains("scope=repository%3Ateam%2Fapp%3Apull", tokenRequest.RequestUri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_AfterTokenExpiry_FetchesNewToken()
    {
        var client = CreateClient();
        var image = new ImageReference(Host, "team/app", "1.0");

        await client.ResolveAsync(image, TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(295)); // past expires_in (300 s) minus the 10 s margin
        await client.ResolveAsync(image, TestContext.Current.CancellationToken);

        Assert.Equal(2, _handler.TokensIssued);
    }

    [Fact]
    public async Task Resolve_DifferentRepositories_FetchesOneTokenPerScope()
    {
        var client = CreateClient();

        await client.ResolveAsync(new ImageReference(Host, "team/app", "1.0"), TestContext.Current.CancellationToken);
        await client.ResolveAsync(new ImageReference(Host, "team/other", "1.0"), TestContext.Current.CancellationToken);
        await client.ResolveAsync(new ImageReference(Host, "team/app", "2.0"), TestContext.Current.CancellationToken);

        Assert.Equal(2, _handler.TokensIssued);
    }
}

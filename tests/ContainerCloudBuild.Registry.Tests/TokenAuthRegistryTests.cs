using System.Net;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>Against a real docker-registry with token auth, tokens issued by the in-process token service.</summary>
public sealed class TokenAuthRegistryTests(TokenRegistryFixture registry) : IClassFixture<TokenRegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_WithCredentials_GetsTokenFromRealmAndSucceeds()
    {
        registry.Require();
        var recorder = new RecordingHandler();

        var ping = await Clients.Create(recorder, registry.Credentials).PingAsync(registry.Server.Host, Ct);

        Assert.Equal("registry/2.0", ping.ApiVersion);
        Assert.Contains(recorder.Exchanges, e => e.Uri.AbsolutePath == "/token" && e.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, recorder.Exchanges.Last().Status);
    }

    [Fact]
    public async Task Resolve_Twice_UsesCachedTokenForTheScope()
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/cache");
        var seeded = await registry.Seeder.PushImageAsync(repository, "1.0", [700], MediaTypes.DockerManifest, Ct);
        var client = Clients.Create(new RecordingHandler(), registry.Credentials);
        var image = new ImageReference(registry.Server.Host, repository, "1.0");

        var first = await client.ResolveAsync(image, Ct);
        var second = await client.ResolveAsync(image, Ct);
        var tags = await client.ListTagsAsync(image, Ct);

        Assert.Equal(seeded.Digest, first.Digest);
        Assert.Equal(seeded.Digest, second.Digest);
        Assert.Equal(["1.0"], tags);
        var forScope = registry.Tokens.Requests.Where(r => r.Scopes.Contains($"repository:{repository}:pull")).ToList();
        var request = Assert.Single(forScope);
        Assert.Equal(TokenRegistryFixture.User, request.User);
    }

    [Fact]
    public async Task Promote_SameRegistry_MountsWithPushAndPullScopesAndKeepsDigest()
    {
        registry.Require();
        var from = Clients.UniqueRepository("dev/tok");
        var to = Clients.UniqueRepository("prod/tok");
        var seeded = await registry.Seeder.PushImageAsync(from, "9.9", [2048, 4096], MediaTypes.OciManifest, Ct);
        var recorder = new RecordingHandler();
        var client = Clients.Create(recorder, registry.Credentials);

        var promoted = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "9.9"),
            new ImageReference(registry.Server.Host, to, "live"), Ct);

        Assert.Equal(seeded.Digest, promoted.Digest);
        var mounts = recorder.Where(HttpMethod.Post, "mount=").Where(e => e.Status != HttpStatusCode.Unauthorized).ToList();
        Assert.Equal(seeded.BlobDigests.Count, mounts.Count);
        Assert.All(mounts, m => Assert.Equal(HttpStatusCode.Created, m.Status));
        Assert.Contains(registry.Tokens.Requests, r =>
            r.Scopes.Contains($"repository:{to}:pull,push") && r.Scopes.Contains($"repository:{from}:pull"));
        Assert.Equal(seeded.Digest, (await client.ResolveAsync(new ImageReference(registry.Server.Host, to, "live"), Ct)).Digest);
    }

    [Fact]
    public async Task Ping_WrongPassword_TokenServiceRejectsAndErrorNamesRegistryAndUserOnly()
    {
        registry.Require();
        const string wrongPassword = "n0t-the-Pa55word-77";
        var credentials = new RegistryCredentials(registry.Server.Host, TokenRegistryFixture.User, wrongPassword);

        var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => Clients.Create(new RecordingHandler(), credentials).PingAsync(registry.Server.Host, Ct));

        Assert.Contains(registry.Server.Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains(TokenRegistryFixture.User, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }
}

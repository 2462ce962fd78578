using System.Net;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>Against a real docker-registry with htpasswd (Basic) auth.</summary>
public sealed class BasicAuthRegistryTests(BasicRegistryFixture registry) : IClassFixture<BasicRegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ping_WithCredentials_ReportsApiVersion()
    {
        registry.Require();
        var recorder = new RecordingHandler();

        var ping = await Clients.Create(recorder, registry.Credentials).PingAsync(registry.Server.Host, Ct);

        Assert.Equal("registry/2.0", ping.ApiVersion);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK], recorder.Exchanges.Select(e => e.Status));
    }

    [Fact]
    public async Task Ping_WithoutCredentials_ThrowsNamingRegistry()
    {
        registry.Require();

        var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => Clients.Create(new RecordingHandler()).PingAsync(registry.Server.Host, Ct));

        Assert.Contains(registry.Server.Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains("no credentials", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
    }

    [Fact]
    public async Task Ping_WrongPassword_ThrowsNamingRegistryAndUserButNotPassword()
    {
        registry.Require();
        const string wrongPassword = "Wr0ng-pa55-zq9";
        var credentials = new RegistryCredentials(registry.Server.Host, BasicRegistryFixture.User, wrongPassword);

        var ex = await Assert.ThrowsAsync<RegistryAuthenticationException>(
            () => Clients.Create(new RecordingHandler(), credentials).PingAsync(registry.Server.Host, Ct));

        Assert.Contains(registry.Server.Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains(BasicRegistryFixture.User, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, ex.ToString(), StringComparison.Ordinal);
        Assert.Equal(BasicRegistryFixture.User, ex.User);
    }

    [Theory]
    [InlineData(MediaTypes.DockerManifest)]
    [InlineData(MediaTypes.OciManifest)]
    public async Task Resolve_Tag_ReturnsManifestDigest(string mediaType)
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/resolve");
        var seeded = await registry.Seeder.PushImageAsync(repository, "1.0.0", [1024, 2048], mediaType, Ct);

        var resolved = await Clients.Create(new RecordingHandler(), registry.Credentials)
            .ResolveAsync(new ImageReference(registry.Server.Host, repository, "1.0.0"), Ct);

        Assert.Equal(seeded.Digest, resolved.Digest);
        Assert.Equal($"{registry.Server.Host}/{repository}:1.0.0@{seeded.Digest}", resolved.ToString());
    }

    [Fact]
    public async Task Resolve_OciIndexTag_ReturnsIndexDigest()
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/index");
        var seeded = await registry.Seeder.PushIndexAsync(repository, "multi", Ct);

        var resolved = await Clients.Create(new RecordingHandler(), registry.Credentials)
            .ResolveAsync(new ImageReference(registry.Server.Host, repository, "multi"), Ct);

        Assert.Equal(seeded.Digest, resolved.Digest);
    }

    [Fact]
    public async Task Resolve_UnknownTag_ThrowsNamingImageWithStatus()
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/missing");
        await registry.Seeder.PushImageAsync(repository, "present", [100], MediaTypes.DockerManifest, Ct);
        var image = new ImageReference(registry.Server.Host, repository, "absent");

        var ex = await Assert.ThrowsAsync<RegistryException>(
            () => Clients.Create(new RecordingHandler(), registry.Credentials).ResolveAsync(image, Ct));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Contains(image.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTags_SeveralTags_ReturnsAllOfThem()
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/tags");
        var seeded = await registry.Seeder.PushImageAsync(repository, "v1", [512], MediaTypes.DockerManifest, Ct);
        var manifest = await registry.Seeder.GetManifestBytesAsync(repository, "v1", Ct);
        var client = Clients.Create(new RecordingHandler(), registry.Credentials);
        var content = new ManifestContent(MediaTypes.DockerManifest, manifest, seeded.Digest);
        foreach (var tag in new[] { "v2", "v3", "v4", "v5" })
            await client.PutManifestAsync(registry.Server.Host, repository, tag, content, Ct);
        var recorder = new RecordingHandler();
        var paging = Clients.Create(recorder, new RegistryClientOptions { Credentials = [registry.Credentials], TagPageSize = 2 });

        var tags = await paging.ListTagsAsync(new ImageReference(registry.Server.Host, repository), Ct);

        // Distribution 2.8 ignores n= on tags/list (it pages from v3 on); Link paging is covered by ListTagsPagingTests.
        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], tags.Order(StringComparer.Ordinal));
        Assert.Contains(recorder.Exchanges, e => e.Uri.Query.Contains("n=2", StringComparison.Ordinal) && e.Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task PutManifest_MissingBlob_ThrowsWithStatusAndRegistryErrorBody()
    {
        registry.Require();
        var repository = Clients.UniqueRepository("team/invalid");
        var bytes = System.Text.Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DockerManifest + "\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"sha256:" + new string('a', 64) + "\",\"size\":10},\"layers\":[]}");
        var manifest = new ManifestContent(MediaTypes.DockerManifest, bytes, RegistryClient.Sha256Digest(bytes));

        var ex = await Assert.ThrowsAsync<RegistryException>(() => Clients.Create(new RecordingHandler(), registry.Credentials)
            .PutManifestAsync(registry.Server.Host, repository, "broken", manifest, Ct));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains(ex.Errors, e => e.Code == "MANIFEST_BLOB_UNKNOWN");
        Assert.Contains("MANIFEST_BLOB_UNKNOWN", ex.Body, StringComparison.Ordinal);
        Assert.Contains(registry.Server.Host, ex.Message, StringComparison.Ordinal);
    }
}

using ContainerCloudBuild.Testing;
using System.Net;
using System.Text.RegularExpressions;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Registry.Tests.Support;

namespace ContainerCloudBuild.Registry.Tests;

/// <summary>Promotion against a real docker-registry (Basic auth): mount, and upload when mount is not possible.</summary>
public sealed partial class PromotionTests(BasicRegistryFixture registry) : IClassFixture<BasicRegistryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Promote_SameRegistry_MountsEveryBlobAndKeepsDigest()
    {
        registry.Require();
        var from = Clients.UniqueRepository("dev/app");
        var to = Clients.UniqueRepository("prod/app");
        var seeded = await registry.Seeder.PushImageAsync(from, "1.2.3", [4096, 8192, 1024], MediaTypes.DockerManifest, Ct);
        var recorder = new RecordingHandler();
        var client = Clients.Create(recorder, registry.Credentials);

        var promoted = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "1.2.3"),
            new ImageReference(registry.Server.Host, to, "release"), Ct);

        Assert.Equal(seeded.Digest, promoted.Digest);
        Assert.Equal($"{registry.Server.Host}/{to}:release@{seeded.Digest}", promoted.ToString());
        var mounts = recorder.Where(HttpMethod.Post, "mount=").Where(e => e.Status != HttpStatusCode.Unauthorized).ToList();
        Assert.Equal(seeded.BlobDigests.Order(), mounts.Select(m => Uri.UnescapeDataString(MountDigest().Match(m.Uri.Query).Groups[1].Value)).Order());
        Assert.All(mounts, m => Assert.Equal(HttpStatusCode.Created, m.Status));
        Assert.Empty(recorder.Where(HttpMethod.Put, "/blobs/uploads/"));
        Assert.Equal(seeded.Digest, (await client.ResolveAsync(new ImageReference(registry.Server.Host, to, "release"), Ct)).Digest);
        foreach (var blob in seeded.BlobDigests)
            Assert.True(await client.BlobExistsAsync(registry.Server.Host, to, blob, Ct));
    }

    [Fact]
    public async Task Promote_OciIndex_CopiesChildManifestsAndKeepsIndexDigest()
    {
        registry.Require();
        var from = Clients.UniqueRepository("dev/multi");
        var to = Clients.UniqueRepository("prod/multi");
        var seeded = await registry.Seeder.PushIndexAsync(from, "2.0", Ct);
        var recorder = new RecordingHandler();
        var client = Clients.Create(recorder, registry.Credentials);

        var promoted = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "2.0"),
            new ImageReference(registry.Server.Host, to, "stable"), Ct);

        Assert.Equal(seeded.Digest, promoted.Digest);
        Assert.Equal(seeded.BlobDigests.Count, recorder.Where(HttpMethod.Post, "mount=").Count(e => e.Status == HttpStatusCode.Created));
        var index = ManifestDocument.Parse(await registry.Seeder.GetManifestBytesAsync(to, "stable", Ct));
        foreach (var child in index.Manifests)
            Assert.Equal(child.Digest, (await client.ResolveAsync(new ImageReference(registry.Server.Host, to, null, child.Digest), Ct)).Digest);
    }

    [Fact]
    public async Task Promote_MountRefused_FallsBackToUploadIntoOfferedSession()
    {
        registry.Require();
        var from = Clients.UniqueRepository("dev/refused");
        var to = Clients.UniqueRepository("prod/refused");
        var seeded = await registry.Seeder.PushImageAsync(from, "1.0", [3000, 5000], MediaTypes.OciManifest, Ct);
        // Ask the real registry to mount from a repository that lacks the blobs: it answers 202 with an upload session.
        var recorder = new RecordingHandler(request =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.Query.Contains("mount=", StringComparison.Ordinal))
                request.RequestUri = new Uri(FromParameter().Replace(request.RequestUri.AbsoluteUri, "from=nowhere%2Fempty"));
            return request;
        });
        var client = Clients.Create(recorder, registry.Credentials);

        var promoted = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "1.0"),
            new ImageReference(registry.Server.Host, to, "1.0"), Ct);

        Assert.Equal(seeded.Digest, promoted.Digest);
        var mounts = recorder.Where(HttpMethod.Post, "mount=").Where(e => e.Status != HttpStatusCode.Unauthorized).ToList();
        Assert.Equal(seeded.BlobDigests.Count, mounts.Count);
        Assert.All(mounts, m => Assert.Equal(HttpStatusCode.Accepted, m.Status));
        Assert.Equal(seeded.BlobDigests.Count, recorder.Where(HttpMethod.Put, "digest=sha256").Count(e => e.Status == HttpStatusCode.Created));
        Assert.Equal(seeded.Digest, (await client.ResolveAsync(new ImageReference(registry.Server.Host, to, "1.0"), Ct)).Digest);
    }

    [Fact]
    public async Task Promote_BetweenRegistries_UploadsInChunksAndKeepsDigest()
    {
        registry.Require();
        await using var target = await RegistryServer.StartAnonymousAsync(Ct);
        var from = Clients.UniqueRepository("dev/cross");
        var seeded = await registry.Seeder.PushImageAsync(from, "3.1", [10_000, 2_500], MediaTypes.DockerManifest, Ct);
        var recorder = new RecordingHandler();
        var client = Clients.Create(recorder, new RegistryClientOptions { Credentials = [registry.Credentials], ChunkSize = 4096 });

        var promoted = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "3.1"),
            new ImageReference(target.Host, "mirror/cross", "3.1"), Ct);

        Assert.Equal(seeded.Digest, promoted.Digest);
        Assert.Equal(target.Host, promoted.Registry);
        Assert.Empty(recorder.Where(HttpMethod.Post, "mount="));
        Assert.Equal(3, recorder.Where(HttpMethod.Patch, "/blobs/uploads/").Count(e => e.Status == HttpStatusCode.Accepted)); // 10 000 bytes in 4 096-byte chunks
        Assert.Equal(seeded.BlobDigests.Count, recorder.Where(HttpMethod.Put, "digest=sha256").Count(e => e.Status == HttpStatusCode.Created));
        Assert.Equal(seeded.Digest, (await client.ResolveAsync(new ImageReference(target.Host, "mirror/cross", "3.1"), Ct)).Digest);

        var again = await client.PromoteAsync(new ImageReference(registry.Server.Host, from, "3.1"),
            new ImageReference(target.Host, "mirror/cross", "3.1-copy"), Ct);
        Assert.Equal(seeded.Digest, again.Digest);
        Assert.Equal(seeded.BlobDigests.Count, recorder.Where(HttpMethod.Put, "digest=sha256").Count); // present blobs are not uploaded again
    }

    [Fact]
    public async Task Promote_TargetWithoutTag_ThrowsArgumentException()
    {
        var client = Clients.Create(new RecordingHandler());

        await Assert.ThrowsAsync<ArgumentException>(() => client.PromoteAsync(
            ImageReference.Parse("127.0.0.1:1/a/b:1"), ImageReference.Parse("127.0.0.1:1/a/c"), Ct));
    }

    [GeneratedRegex("mount=([^&]+)")]
    private static partial Regex MountDigest();

    [GeneratedRegex("from=[^&]+")]
    private static partial Regex FromParameter();
}

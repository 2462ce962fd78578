using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>An image the seeder pushed: its manifest digest and the digests of its blobs.</summary>
public sealed record SeededImage(string Repository, string Tag, string Digest, IReadOnlyList<string> BlobDigests);

/// <summary>
/// Pushes test images straight through the distribution API with a plain HttpClient (independent of
/// the client under test): random layers, a config, a schema2 or OCI manifest, or an OCI index.
/// </summary>
public sealed class ImageSeeder(Uri registry, Func<string, AuthenticationHeaderValue?> authFor)
{
    private static readonly HttpClient Http = new();

    public async Task<SeededImage> PushImageAsync(string repository, string tag, int[] layerSizes, string mediaType,
        CancellationToken cancellationToken)
    {
        var layers = new List<(string Digest, int Size)>();
        foreach (var size in layerSizes)
        {
            var bytes = RandomNumberGenerator.GetBytes(size);
            layers.Add((await PushBlobAsync(repository, bytes, cancellationToken), size));
        }
        var config = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            architecture = "amd64", os = "linux", created = "2026-01-01T00:00:00Z", nonce = Guid.NewGuid().ToString("N"),
            rootfs = new { type = "layers", diff_ids = layers.Select(l => l.Digest).ToArray() },
        }));
        var configDigest = await PushBlobAsync(repository, config, cancellationToken);
        var oci = mediaType == MediaTypes.OciManifest;
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType,
            config = new { mediaType = oci ? "application/vnd.oci.image.config.v1+json" : "application/vnd.docker.container.image.v1+json", digest = configDigest, size = config.Length },
            layers = layers.Select(l => new
            {
                mediaType = oci ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.docker.image.rootfs.diff.tar.gzip",
                digest = l.Digest, size = l.Size,
            }).ToArray(),
        });
        var digest = await PutManifestAsync(repository, tag, manifest, mediaType, cancellationToken);
        return new SeededImage(repository, tag, digest, [configDigest, .. layers.Select(l => l.Digest)]);
    }

    /// <summary>An OCI index with two platform images (each pushed by digest).</summary>
    public async Task<SeededImage> PushIndexAsync(string repository, string tag, CancellationToken cancellationToken)
    {
        var amd64 = await PushImageAsync(repository, "amd64-" + tag, [3000], MediaTypes.OciManifest, cancellationToken);
        var arm64 = await PushImageAsync(repository, "arm64-" + tag, [4000, 5000], MediaTypes.OciManifest, cancellationToken);
        var children = new[] { (amd64, "amd64"), (arm64, "arm64") };
        var index = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciIndex,
            manifests = await Task.WhenAll(children.Select(async c => new
            {
                mediaType = MediaTypes.OciManifest,
                digest = c.Item1.Digest,
                size = (await GetManifestBytesAsync(repository, c.Item1.Digest, cancellationToken)).Length,
                platform = new { architecture = c.Item2, os = "linux" },
            })),
        });
        var digest = await PutManifestAsync(repository, tag, index, MediaTypes.OciIndex, cancellationToken);
        return new SeededImage(repository, tag, digest, [.. amd64.BlobDigests, .. arm64.BlobDigests]);
    }

    public async Task<string> PushBlobAsync(string repository, byte[] bytes, CancellationToken cancellationToken)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var start = await SendAsync(HttpMethod.Post, new Uri(registry, $"v2/{repository}/blobs/uploads/"), repository, null, cancellationToken);
        Expect(start, HttpStatusCode.Accepted);
        var location = new Uri(registry, start.Headers.Location!);
        var separator = location.Query.Length == 0 ? "?" : "&";
        using var put = await SendAsync(HttpMethod.Put, new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest)), repository,
            new ByteArrayContent(bytes), cancellationToken);
        Expect(put, HttpStatusCode.Created);
        return digest;
    }

    public async Task<byte[]> GetManifestBytesAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry, $"v2/{repository}/manifests/{reference}"));
        foreach (var type in MediaTypes.AllManifests) request.Headers.Accept.ParseAdd(type);
        request.Headers.Authorization = authFor(repository);
        using var response = await Http.SendAsync(request, cancellationToken);
        Expect(response, HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task<string> PutManifestAsync(string repository, string tag, byte[] manifest, string mediaType, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(HttpMethod.Put, new Uri(registry, $"v2/{repository}/manifests/{tag}"), repository, content, cancellationToken);
        Expect(response, HttpStatusCode.Created);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string repository, HttpContent? content,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = authFor(repository);
        return await Http.SendAsync(request, cancellationToken);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
            throw new InvalidOperationException(
                $"Seeding {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}.");
    }
}

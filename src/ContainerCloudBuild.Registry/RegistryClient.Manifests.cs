using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Registry;

/// <summary>A manifest exactly as the registry stored it: its bytes define its digest.</summary>
public sealed record ManifestContent(string MediaType, byte[] Bytes, string Digest);

public sealed partial class RegistryClient
{
    public async Task<ImageReference> ResolveAsync(ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var reference = Reference(image);
        var operation = $"resolve {image}";
        using (var head = await SendAsync(image.Registry, operation, PullScope(image.Repository),
            uri => ManifestRequest(HttpMethod.Head, uri, image.Repository, reference), cancellationToken).ConfigureAwait(false))
        {
            if (head.StatusCode == HttpStatusCode.NotFound)
                throw new RegistryException(image.Registry, operation,
                    $"Image {image} was not found in registry {image.Registry} (repository '{image.Repository}', reference '{reference}').",
                    head.StatusCode);
            await EnsureStatusAsync(head, image.Registry, operation, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
            if (head.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } digest
                && ImageReference.IsValidDigest(digest))
                return image.WithDigest(digest);
        }
        // Registries may omit the digest header on HEAD: hash the manifest bytes instead.
        var manifest = await GetManifestAsync(image, cancellationToken).ConfigureAwait(false);
        return image.WithDigest(manifest.Digest);
    }

    /// <summary>GETs the manifest of <paramref name="image"/> (by digest when set, else by tag) as exact bytes.</summary>
    public async Task<ManifestContent> GetManifestAsync(ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var reference = Reference(image);
        var operation = $"get manifest {image}";
        using var response = await SendAsync(image.Registry, operation, PullScope(image.Repository),
            uri => ManifestRequest(HttpMethod.Get, uri, image.Repository, reference), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new RegistryException(image.Registry, operation,
                $"Image {image} was not found in registry {image.Registry} (repository '{image.Repository}', reference '{reference}').",
                response.StatusCode, RegistryException.ParseErrors(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
        await EnsureStatusAsync(response, image.Registry, operation, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var digest = Sha256Digest(bytes);
        if (image.Digest is not null && image.Digest != digest)
            throw new RegistryException(image.Registry, operation,
                $"Registry {image.Registry} returned a manifest for {image} whose digest is {digest}.", response.StatusCode);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? ManifestDocument.Parse(bytes).MediaType ?? MediaTypes.OciManifest;
        return new ManifestContent(mediaType, bytes, digest);
    }

    /// <summary>PUTs the exact manifest bytes under <paramref name="reference"/> (a tag or its digest).</summary>
    public async Task<string> PutManifestAsync(string registry, string repository, string reference, ManifestContent manifest,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var operation = $"put manifest {registry}/{repository}:{reference}";
        using var response = await SendAsync(registry, operation, PushScope(repository), uri =>
        {
            var content = new ByteArrayContent(manifest.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            return new HttpRequestMessage(HttpMethod.Put, RepositoryUri(uri, repository, "manifests/" + reference)) { Content = content };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(response, registry, operation, cancellationToken, HttpStatusCode.Created, HttpStatusCode.OK).ConfigureAwait(false);
        var stored = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
        if (stored is not null && stored != manifest.Digest)
            throw new RegistryException(registry, operation,
                $"Registry {registry} stored the manifest as {stored} instead of {manifest.Digest}.", response.StatusCode);
        return manifest.Digest;
    }

    public static string Sha256Digest(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Reference(ImageReference image) =>
        image.Digest ?? image.Tag ?? throw new ArgumentException($"Image {image} has neither a tag nor a digest.", nameof(image));

    private static HttpRequestMessage ManifestRequest(HttpMethod method, Uri baseUri, string repository, string reference)
    {
        var request = new HttpRequestMessage(method, RepositoryUri(baseUri, repository, "manifests/" + reference));
        foreach (var mediaType in MediaTypes.AllManifests)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return request;
    }
}

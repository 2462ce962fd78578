using System.Net;
using System.Net.Http.Headers;

namespace ContainerCloudBuild.Registry;

/// <summary>How a blob reached the target repository during promotion.</summary>
public enum BlobTransfer { Mounted, AlreadyPresent, Uploaded }

public sealed partial class RegistryClient
{
    /// <summary>True when the blob exists in the repository (<c>HEAD /v2/&lt;repo&gt;/blobs/&lt;digest&gt;</c>).</summary>
    public async Task<bool> BlobExistsAsync(string registry, string repository, string digest, CancellationToken cancellationToken)
    {
        var operation = $"check blob {digest} in {registry}/{repository}";
        using var response = await SendAsync(registry, operation, PullScope(repository),
            uri => new HttpRequestMessage(HttpMethod.Head, RepositoryUri(uri, repository, "blobs/" + digest)), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureStatusAsync(response, registry, operation, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Copies one blob from <paramref name="fromRepository"/> of <paramref name="fromRegistry"/> into
    /// <paramref name="toRepository"/> of <paramref name="toRegistry"/>: a cross-repository mount on the
    /// same registry (201), otherwise (202, or another registry) a monolithic or chunked upload.
    /// </summary>
    public async Task<BlobTransfer> CopyBlobAsync(string fromRegistry, string fromRepository, string toRegistry, string toRepository,
        string digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(toRegistry);
        Uri uploadLocation;
        if (string.Equals(fromRegistry, toRegistry, StringComparison.OrdinalIgnoreCase))
        {
            var operation = $"mount blob {digest} from {fromRepository} into {toRegistry}/{toRepository}";
            var scope = $"{PushScope(toRepository)} {PullScope(fromRepository)}";
            using var response = await SendAsync(toRegistry, operation, scope, uri => new HttpRequestMessage(HttpMethod.Post,
                RepositoryUri(uri, toRepository, $"blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}")),
                cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                LogBlob(_logger, toRegistry, toRepository, digest, BlobTransfer.Mounted);
                return BlobTransfer.Mounted;
            }
            await EnsureStatusAsync(response, toRegistry, operation, cancellationToken, HttpStatusCode.Accepted).ConfigureAwait(false);
            uploadLocation = Location(response, toRegistry, operation);
        }
        else
        {
            if (await BlobExistsAsync(toRegistry, toRepository, digest, cancellationToken).ConfigureAwait(false))
            {
                LogBlob(_logger, toRegistry, toRepository, digest, BlobTransfer.AlreadyPresent);
                return BlobTransfer.AlreadyPresent;
            }
            uploadLocation = await StartUploadAsync(toRegistry, toRepository, cancellationToken).ConfigureAwait(false);
        }
        await UploadFromSourceAsync(fromRegistry, fromRepository, toRegistry, toRepository, digest, uploadLocation, cancellationToken).ConfigureAwait(false);
        LogBlob(_logger, toRegistry, toRepository, digest, BlobTransfer.Uploaded);
        return BlobTransfer.Uploaded;
    }

    /// <summary>Uploads a blob held in memory (one PUT, or PATCH chunks when larger than <see cref="RegistryClientOptions.ChunkSize"/>).</summary>
    public async Task UploadBlobAsync(string registry, string repository, string digest, Stream content, CancellationToken cancellationToken)
    {
        var location = await StartUploadAsync(registry, repository, cancellationToken).ConfigureAwait(false);
        await UploadAsync(registry, repository, digest, location, content, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Uri> StartUploadAsync(string registry, string repository, CancellationToken cancellationToken)
    {
        var operation = $"start blob upload to {registry}/{repository}";
        using var response = await SendAsync(registry, operation, PushScope(repository),
            uri => new HttpRequestMessage(HttpMethod.Post, RepositoryUri(uri, repository, "blobs/uploads/")), cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(response, registry, operation, cancellationToken, HttpStatusCode.Accepted).ConfigureAwait(false);
        return Location(response, registry, operation);
    }

    private async Task UploadFromSourceAsync(string fromRegistry, string fromRepository, string toRegistry, string toRepository,
        string digest, Uri location, CancellationToken cancellationToken)
    {
        var operation = $"get blob {digest} from {fromRegistry}/{fromRepository}";
        using var source = await SendAsync(fromRegistry, operation, PullScope(fromRepository),
            uri => new HttpRequestMessage(HttpMethod.Get, RepositoryUri(uri, fromRepository, "blobs/" + digest)), cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(source, fromRegistry, operation, cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        await using var stream = await source.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await UploadAsync(toRegistry, toRepository, digest, location, stream, cancellationToken).ConfigureAwait(false);
    }

    private async Task UploadAsync(string registry, string repository, string digest, Uri location, Stream content,
        CancellationToken cancellationToken)
    {
        var operation = $"upload blob {digest} to {registry}/{repository}";
        var scope = PushScope(repository);
        var buffer = new byte[_options.ChunkSize];
        var offset = 0L;
        while (true)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            var last = read < buffer.Length;
            if (last && offset == 0)
            {
                await PutChunkAsync(registry, operation, scope, location, digest, buffer, read, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (read > 0)
                location = await PatchChunkAsync(registry, operation, scope, location, buffer, read, offset, cancellationToken).ConfigureAwait(false);
            offset += read;
            if (last) break;
        }
        await PutChunkAsync(registry, operation, scope, location, digest, buffer, 0, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Uri> PatchChunkAsync(string registry, string operation, string scope, Uri location, byte[] buffer, int count,
        long offset, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(registry, operation, scope, _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = Bytes(buffer, count) };
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + count - 1}");
            return request;
        }, cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(response, registry, operation, cancellationToken, HttpStatusCode.Accepted, HttpStatusCode.NoContent).ConfigureAwait(false);
        return Location(response, registry, operation);
    }

    private async Task PutChunkAsync(string registry, string operation, string scope, Uri location, string digest, byte[] buffer,
        int count, CancellationToken cancellationToken)
    {
        var separator = string.IsNullOrEmpty(location.Query) ? "?" : "&";
        var target = new Uri(location + separator + "digest=" + Uri.EscapeDataString(digest));
        using var response = await SendAsync(registry, operation, scope,
            _ => new HttpRequestMessage(HttpMethod.Put, target) { Content = Bytes(buffer, count) }, cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(response, registry, operation, cancellationToken, HttpStatusCode.Created, HttpStatusCode.NoContent).ConfigureAwait(false);
    }

    private static ByteArrayContent Bytes(byte[] buffer, int count)
    {
        var content = new ByteArrayContent(buffer, 0, count);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static Uri Location(HttpResponseMessage response, string registry, string operation)
    {
        var location = response.Headers.Location ?? throw new RegistryException(registry, operation,
            $"Registry {registry} answered {(int)response.StatusCode} to {operation} without a Location header.", response.StatusCode);
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }
}

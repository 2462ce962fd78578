using ContainerCloudBuild.Abstractions;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Registry;

public sealed partial class RegistryClient
{
    public async Task<ImageReference> PromoteAsync(ImageReference source, ImageReference target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Tag is null)
            throw new ArgumentException($"The promotion target {target} needs a tag.", nameof(target));
        var started = _time.GetTimestamp();
        var manifest = await GetManifestAsync(source, cancellationToken).ConfigureAwait(false);
        var document = ManifestDocument.Parse(manifest.Bytes);
        if (document.IsIndex)
        {
            foreach (var child in document.Manifests)
            {
                var childManifest = await GetManifestAsync(new ImageReference(source.Registry, source.Repository, null, child.Digest), cancellationToken).ConfigureAwait(false);
                await CopyBlobsAsync(source, target, ManifestDocument.Parse(childManifest.Bytes), cancellationToken).ConfigureAwait(false);
                await PutManifestAsync(target.Registry, target.Repository, child.Digest, childManifest, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await CopyBlobsAsync(source, target, document, cancellationToken).ConfigureAwait(false);
        }
        var digest = await PutManifestAsync(target.Registry, target.Repository, target.Tag, manifest, cancellationToken).ConfigureAwait(false);
        var promoted = new ImageReference(target.Registry, target.Repository, target.Tag, digest);
        LogPromoted(_logger, source.ToString(), promoted.ToString(), _time.GetElapsedTime(started).TotalMilliseconds);
        return promoted;
    }

    private async Task CopyBlobsAsync(ImageReference source, ImageReference target, ManifestDocument document, CancellationToken cancellationToken)
    {
        foreach (var blob in document.Blobs.Where(b => !b.IsForeign).DistinctBy(b => b.Digest))
            await CopyBlobAsync(source.Registry, source.Repository, target.Registry, target.Repository, blob.Digest, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Promoted {Source} to {Target} in {ElapsedMs} ms")]
    private static partial void LogPromoted(ILogger logger, string source, string target, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blob {Digest} -> {Registry}/{Repository}: {Transfer}")]
    private static partial void LogBlob(ILogger logger, string registry, string repository, string digest, BlobTransfer transfer);
}

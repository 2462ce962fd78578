using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Registry;

/// <summary>What a pipeline needs from an OCI registry; implemented by <see cref="RegistryClient"/>.</summary>
public interface IRegistryClient
{
    Task<RegistryPing> PingAsync(string registry, CancellationToken cancellationToken);

    /// <summary>Resolves the tag (or digest) of <paramref name="image"/> and returns it with its manifest digest.</summary>
    Task<ImageReference> ResolveAsync(ImageReference image, CancellationToken cancellationToken);

    /// <summary>All tags of the image's repository, following <c>Link</c> pagination.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(ImageReference repository, CancellationToken cancellationToken);

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> (which must carry a tag) without
    /// pulling: blobs are mounted across repositories (uploaded when mount is refused or the
    /// registries differ), then the exact manifest bytes are put. Returns the target with its digest.
    /// </summary>
    Task<ImageReference> PromoteAsync(ImageReference source, ImageReference target, CancellationToken cancellationToken);
}

using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// The file a publish step records the pushed image in and later deploys read: one line, the reference by digest
/// (<c>registry/repository@sha256:...</c>), so every environment deploys exactly the image that was pushed once.
/// </summary>
public static class PublishedImageRecord
{
    /// <summary>Writes <paramref name="image"/> by digest; an image without a digest is refused (a tag can move).</summary>
    public static async Task WriteAsync(string path, ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(image);
        if (image.Digest is null)
            throw new InvalidOperationException($"Cannot record '{image}' in {path}: it has no digest (record the reference the registry returned on push).");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, image.ToDeployString() + "\n", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the recorded reference; fails naming the file when it is missing, empty, not a reference or not by digest.</summary>
    public static async Task<ImageReference> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"No published image record at {path}: the publish job writes it (--published-image-file) and hands it to the deploy jobs; is that job in this job's needs?", path);
        var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
        if (!ImageReference.TryParse(text, out var image, out var error))
            throw new InvalidOperationException($"{path} does not hold an image reference ('{text}'): {error}");
        return image.Digest is null
            ? throw new InvalidOperationException($"{path} names '{text}', not an image by digest (registry/repository@sha256:...): deploy the digest that was pushed.")
            : image;
    }
}

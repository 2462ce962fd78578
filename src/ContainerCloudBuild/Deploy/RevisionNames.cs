using System.Globalization;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Deploy;

/// <summary>The revision name of a deploy, the same on every platform: valid for containers, files, HAProxy and Kubernetes labels.</summary>
public static class RevisionNames
{
    /// <summary>The image's digest prefix (else its tag) and the time, e.g. <c>3f2a9c1d0b7e-1202081500</c>.</summary>
    public static string From(ImageReference image, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(image);
        var stamp = now.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var id = image.Digest is { } digest ? digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..][..12]
            : new string((image.Tag ?? "latest").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '-').Take(24).ToArray());
        return $"{id.TrimStart('.', '-')}-{stamp}";
    }
}

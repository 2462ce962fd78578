using System.Globalization;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// The revision name of a deploy, the same on every platform: valid for containers, files, HAProxy, Kubernetes labels and,
/// after <c>&lt;app&gt;-</c>, a Service name (a DNS-1035 label: no dots, so a tag's dots become dashes).
/// </summary>
public static class RevisionNames
{
    /// <summary>The image's digest prefix (else its tag) and the time, e.g. <c>3f2a9c1d0b7e-1202081500</c>.</summary>
    public static string From(ImageReference image, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(image);
        var stamp = now.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var id = image.Digest is { } digest ? digest[(digest.IndexOf(':', StringComparison.Ordinal) + 1)..][..12]
            : new string((image.Tag ?? "latest").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').Take(24).ToArray());
        return $"{id.Trim('-')}-{stamp}";
    }
}

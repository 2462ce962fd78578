using System.Globalization;

namespace ContainerCloudBuild.Git;

/// <summary>OCI image annotations (<c>org.opencontainers.image.*</c>) for an image built from a commit.</summary>
public static class OciLabels
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Version = "org.opencontainers.image.version";
    public const string Created = "org.opencontainers.image.created";
    public const string Title = "org.opencontainers.image.title";

    /// <summary>
    /// Labels for <paramref name="source"/>: revision (full sha), version, created (now, RFC 3339
    /// UTC from <paramref name="timeProvider"/>), title, and source when the remote URL is known.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(SourceInfo source, string title, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Revision] = source.Sha,
            [Version] = source.Version,
            [Created] = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [Title] = title,
        };
        if (source.RemoteUrl is { Length: > 0 } url)
            labels[Source] = url;
        return labels;
    }
}

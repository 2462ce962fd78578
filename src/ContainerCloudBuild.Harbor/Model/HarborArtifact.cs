namespace ContainerCloudBuild.Harbor;

/// <summary>An artifact in a Harbor repository with its tags and scan overview.</summary>
public sealed record HarborArtifact(
    string Project,
    string Repository,
    string Digest,
    IReadOnlyList<string> Tags,
    DateTimeOffset? PushTime,
    ScanOverview Scan);

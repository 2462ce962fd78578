namespace ContainerCloudBuild.Git;

/// <summary>
/// What a build knows about its source checkout: commit, branch, tag, dirty state and the version
/// computed from the last <c>v*</c> tag. <see cref="Notes"/> says what was guessed or fell back
/// (detached HEAD without CI variables, no tag, shallow clone), so logs can explain a version.
/// </summary>
public sealed record SourceInfo
{
    /// <summary>Full 40-character commit id of HEAD.</summary>
    public required string Sha { get; init; }

    /// <summary>First 7 characters of <see cref="Sha"/>.</summary>
    public required string ShortSha { get; init; }

    /// <summary>Branch name (e.g. <c>main</c>, <c>feature/login</c>), or null when unknown.</summary>
    public string? Branch { get; init; }

    /// <summary>Where <see cref="Branch"/> came from: <c>HEAD</c>, a CI variable name, or <c>none</c>.</summary>
    public required string BranchSource { get; init; }

    /// <summary>A tag pointing exactly at HEAD (a <c>v*</c> version tag preferred), or null.</summary>
    public string? Tag { get; init; }

    /// <summary>True when tracked files are modified or untracked, non-ignored files exist.</summary>
    public bool IsDirty { get; init; }

    /// <summary>SemVer 2.0 version, e.g. <c>1.4.0</c> or <c>1.4.1-alpha.0.3</c>.</summary>
    public required string Version { get; init; }

    /// <summary>The <c>v*</c> tag the version was computed from, or null when it fell back.</summary>
    public string? VersionTag { get; init; }

    /// <summary>Commits between <see cref="VersionTag"/> (or the root commit) and HEAD.</summary>
    public int Height { get; init; }

    /// <summary>True for a shallow clone: history (and so the version) may be incomplete.</summary>
    public bool IsShallow { get; init; }

    /// <summary>Remote URL of <c>origin</c> with any credentials removed, or null.</summary>
    public string? RemoteUrl { get; init; }

    /// <summary>Committer time of HEAD.</summary>
    public DateTimeOffset CommitTime { get; init; }

    /// <summary>Human-readable explanations of fallbacks; empty when nothing was guessed.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

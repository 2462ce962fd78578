using LibGit2Sharp;

namespace ContainerCloudBuild.Git;

/// <summary>Reads <see cref="SourceInfo"/> from a git checkout with LibGit2Sharp.</summary>
public static class GitSourceReader
{
    public const int ShortShaLength = 7;

    /// <summary>
    /// Reads the checkout containing <paramref name="path"/> (any folder inside the work tree).
    /// <paramref name="environment"/> supplies CI variables used for a detached HEAD's branch
    /// (see <see cref="CiBranchResolver"/>); pass an empty dictionary outside CI.
    /// </summary>
    /// <exception cref="GitSourceException">Not a git repository, or it has no commit yet.</exception>
    public static SourceInfo Read(string path, IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(environment);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
            throw new GitSourceException($"Cannot read git source info: directory '{full}' does not exist.");
        var gitDir = Repository.Discover(full)
            ?? throw new GitSourceException(
                $"Cannot read git source info: '{full}' is not inside a git repository. Run the build from a clone, or 'git init' and commit first.");

        using var repository = new Repository(gitDir);
        if (repository.Info.IsHeadUnborn || repository.Head.Tip is null)
            throw new GitSourceException($"Cannot read git source info: the repository at '{repository.Info.WorkingDirectory ?? gitDir}' has no commit yet. Commit something first.");

        var head = repository.Head.Tip;
        var notes = new List<string>();
        var (branch, branchSource) = ResolveBranch(repository, environment, notes);
        var version = GitVersionCalculator.Compute(repository, head);
        notes.AddRange(version.Notes);

        return new SourceInfo
        {
            Sha = head.Sha,
            ShortSha = head.Sha[..ShortShaLength],
            Branch = branch,
            BranchSource = branchSource,
            Tag = GitVersionCalculator.ExactTag(repository, head),
            IsDirty = !repository.Info.IsBare && IsDirty(repository),
            Version = version.Version,
            VersionTag = version.Tag,
            Height = version.Height,
            IsShallow = repository.Info.IsShallow,
            RemoteUrl = RemoteUrls.Resolve(repository, environment),
            CommitTime = head.Committer.When,
            Notes = notes,
        };
    }

    private static (string? Branch, string Source) ResolveBranch(
        Repository repository, IReadOnlyDictionary<string, string?> environment, List<string> notes)
    {
        if (!repository.Info.IsHeadDetached)
            return (repository.Head.FriendlyName, "HEAD");
        if (CiBranchResolver.Resolve(environment) is { } ci)
            return (ci.Branch, ci.Variable);
        notes.Add("HEAD is detached and no CI branch variable (GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_COMMIT_REF_NAME, BRANCH_NAME, GIT_BRANCH) is set; the branch is unknown.");
        return (null, "none");
    }

    private static bool IsDirty(Repository repository) =>
        repository.RetrieveStatus(new StatusOptions
        {
            IncludeUntracked = true,
            RecurseUntrackedDirs = false,
            IncludeIgnored = false,
            ExcludeSubmodules = true,
        }).IsDirty;
}

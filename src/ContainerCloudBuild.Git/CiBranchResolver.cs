namespace ContainerCloudBuild.Git;

/// <summary>
/// Finds the branch of a detached CI checkout from the CI host's variables. Order (first non-empty
/// wins): GitHub <c>GITHUB_HEAD_REF</c> (pull requests), <c>GITHUB_REF_NAME</c> (unless the ref is a
/// tag); GitLab <c>CI_MERGE_REQUEST_SOURCE_BRANCH_NAME</c>, <c>CI_COMMIT_BRANCH</c>,
/// <c>CI_COMMIT_REF_NAME</c> (unless <c>CI_COMMIT_TAG</c> is set); Jenkins <c>CHANGE_BRANCH</c>
/// (pull requests), <c>BRANCH_NAME</c>, <c>GIT_BRANCH</c> (with <c>origin/</c> removed).
/// </summary>
public static class CiBranchResolver
{
    public static (string Branch, string Variable)? Resolve(IReadOnlyDictionary<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (Get(env, "GITHUB_HEAD_REF") is { } headRef)
            return (headRef, "GITHUB_HEAD_REF");
        if (Get(env, "GITHUB_REF_NAME") is { } refName && !IsGitHubTag(env))
            return (refName, "GITHUB_REF_NAME");

        if (Get(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME") is { } mrSource)
            return (mrSource, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME");
        if (Get(env, "CI_COMMIT_BRANCH") is { } commitBranch)
            return (commitBranch, "CI_COMMIT_BRANCH");
        if (Get(env, "CI_COMMIT_REF_NAME") is { } gitlabRef && Get(env, "CI_COMMIT_TAG") is null)
            return (gitlabRef, "CI_COMMIT_REF_NAME");

        if (Get(env, "CHANGE_BRANCH") is { } changeBranch)
            return (changeBranch, "CHANGE_BRANCH");
        if (Get(env, "BRANCH_NAME") is { } jenkinsBranch)
            return (jenkinsBranch, "BRANCH_NAME");
        if (Get(env, "GIT_BRANCH") is { } gitBranch)
            return (StripRemote(gitBranch), "GIT_BRANCH");
        return null;
    }

    private static bool IsGitHubTag(IReadOnlyDictionary<string, string?> env) =>
        string.Equals(Get(env, "GITHUB_REF_TYPE"), "tag", StringComparison.Ordinal)
        || (Get(env, "GITHUB_REF")?.StartsWith("refs/tags/", StringComparison.Ordinal) ?? false);

    private static string StripRemote(string branch)
    {
        foreach (var prefix in new[] { "refs/remotes/origin/", "remotes/origin/", "refs/heads/", "origin/" })
        {
            if (branch.StartsWith(prefix, StringComparison.Ordinal) && branch.Length > prefix.Length)
                return branch[prefix.Length..];
        }
        return branch;
    }

    private static string? Get(IReadOnlyDictionary<string, string?> env, string name) =>
        env.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

namespace ContainerCloudBuild.Git.Tests;

public sealed class CiBranchResolverTests
{
    [Fact]
    public void Resolve_GitHubTagBuild_IgnoresTagRefName()
    {
        var env = new Dictionary<string, string?> { ["GITHUB_REF_NAME"] = "v1.0.0", ["GITHUB_REF_TYPE"] = "tag", ["GITHUB_REF"] = "refs/tags/v1.0.0" };

        Assert.Null(CiBranchResolver.Resolve(env));
    }

    [Fact]
    public void Resolve_GitHubPullRequest_PrefersHeadRefOverMergeRef()
    {
        var env = new Dictionary<string, string?> { ["GITHUB_REF_NAME"] = "42/merge", ["GITHUB_HEAD_REF"] = "feature/a" };

        Assert.Equal(("feature/a", "GITHUB_HEAD_REF"), CiBranchResolver.Resolve(env));
    }

    [Fact]
    public void Resolve_GitLabTagPipeline_IgnoresRefName()
    {
        var env = new Dictionary<string, string?> { ["CI_COMMIT_REF_NAME"] = "v2.0.0", ["CI_COMMIT_TAG"] = "v2.0.0" };

        Assert.Null(CiBranchResolver.Resolve(env));
    }

    [Fact]
    public void Resolve_JenkinsPullRequest_UsesChangeBranch()
    {
        var env = new Dictionary<string, string?> { ["BRANCH_NAME"] = "PR-12", ["CHANGE_BRANCH"] = "feature/b" };

        Assert.Equal(("feature/b", "CHANGE_BRANCH"), CiBranchResolver.Resolve(env));
    }

    [Fact]
    public void Resolve_EmptyValues_AreIgnored()
    {
        var env = new Dictionary<string, string?> { ["GITHUB_HEAD_REF"] = "", ["GITHUB_REF_NAME"] = "  ", ["BRANCH_NAME"] = null };

        Assert.Null(CiBranchResolver.Resolve(env));
    }
}

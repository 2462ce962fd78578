using CsCheck;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Git.Tests;

public sealed class ImageTagPolicyTests
{
    private static SourceInfo Source(string? branch, string version = "1.4.1-alpha.0.3", bool dirty = false) => new()
    {
        Sha = "0123456789abcdef0123456789abcdef01234567",
        ShortSha = "0123456",
        Branch = branch,
        BranchSource = "HEAD",
        Version = version,
        IsDirty = dirty,
    };

    [Fact]
    public void TagsFor_DefaultBranch_IncludesLatest()
    {
        var tags = ImageTagPolicy.TagsFor(Source("main", "1.4.0"), "main");

        Assert.Equal(["1.4.0", "0123456", "main-0123456", "latest"], tags);
    }

    [Fact]
    public void TagsFor_FeatureBranch_SanitisesBranchAndOmitsLatest()
    {
        var tags = ImageTagPolicy.TagsFor(Source("feature/Login Page!"), "main");

        Assert.Equal(["1.4.1-alpha.0.3", "0123456", "feature-Login-Page-0123456"], tags);
    }

    [Fact]
    public void TagsFor_UnknownBranch_HasNoBranchTag()
    {
        Assert.Equal(["1.4.1-alpha.0.3", "0123456"], ImageTagPolicy.TagsFor(Source(null), "main"));
    }

    [Fact]
    public void TagsFor_DirtyTreeOnDefaultBranch_MarksTagsAndOmitsLatest()
    {
        var tags = ImageTagPolicy.TagsFor(Source("main", "1.4.0", dirty: true), "main");

        Assert.Equal(["1.4.0-dirty", "0123456-dirty", "main-0123456-dirty"], tags);
    }

    [Fact]
    public void TagsFor_VeryLongBranch_KeepsShaAndFitsDockerLimit()
    {
        var tags = ImageTagPolicy.TagsFor(Source(new string('b', 300)), "main");

        var branchTag = tags[2];
        Assert.Equal(128, branchTag.Length);
        Assert.EndsWith("-0123456", branchTag, StringComparison.Ordinal);
        Assert.True(ImageReference.IsValidTag(branchTag));
    }

    [Theory]
    [InlineData("1.0.0+build.5", "1.0.0-build.5")]
    [InlineData(".hidden", "hidden")]
    [InlineData("--x", "x")]
    [InlineData("a//b", "a-b")]
    [InlineData("///", "untagged")]
    [InlineData("Ünïcode", "-n-code")]
    public void Sanitize_InvalidCharacters_ProducesValidTag(string input, string expected)
    {
        var tag = ImageTagPolicy.Sanitize(input);

        Assert.True(ImageReference.IsValidTag(tag));
        Assert.Equal(expected.TrimStart('-'), tag);
    }

    [Fact]
    public void Sanitize_AnyString_AlwaysProducesValidDockerTag()
    {
        Gen.String.Sample(s => ImageReference.IsValidTag(ImageTagPolicy.Sanitize(s)) && ImageReference.IsValidTag(ImageTagPolicy.Sanitize(s, "-" + s)));
    }
}

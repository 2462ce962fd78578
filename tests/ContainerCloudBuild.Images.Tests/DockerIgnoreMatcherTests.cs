using ContainerCloudBuild.Images.DockerIgnore;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DockerIgnoreMatcherTests
{
    [Theory]
    // '*' stays within one path segment and patterns are anchored at the context root
    [InlineData("*.md", "README.md", true)]
    [InlineData("*.md", "docs/guide.md", false)]
    [InlineData("*/*.md", "docs/guide.md", true)]
    // '**' spans any number of segments, including none
    [InlineData("**/*.md", "README.md", true)]
    [InlineData("**/*.md", "docs/a/b/guide.md", true)]
    [InlineData("a/**/b", "a/b", true)]
    [InlineData("a/**/b", "a/x/y/b", true)]
    [InlineData("a/**/b", "a/x/y/c", false)]
    [InlineData("docs/**", "docs/a/b.txt", true)]
    [InlineData("docs/**", "docsy/a.txt", false)]
    [InlineData("**", "anything/at/all", true)]
    [InlineData("**/node_modules", "node_modules", true)]
    [InlineData("**/node_modules", "web/node_modules/x/index.js", true)]
    // a matching parent directory excludes everything below it
    [InlineData("node_modules", "node_modules/lodash/index.js", true)]
    [InlineData("bin", "src/bin/x", false)]
    // '?', classes and escapes
    [InlineData("temp?", "temp1", true)]
    [InlineData("temp?", "temp12", false)]
    [InlineData("temp?", "temp/", false)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("[^a].txt", "b.txt", true)]
    [InlineData(@"\*.txt", "*.txt", true)]
    [InlineData(@"\*.txt", "a.txt", false)]
    // regex metacharacters in names are literal
    [InlineData("a+b(1).txt", "a+b(1).txt", true)]
    [InlineData("a.txt", "abtxt", false)]
    [InlineData("$HOME", "$HOME", true)]
    public void IsExcluded_SinglePattern_MatchesLikeDocker(string pattern, string path, bool excluded)
    {
        Assert.Equal(excluded, new DockerIgnoreMatcher([pattern]).IsExcluded(path));
    }

    [Theory]
    [InlineData("README.md", false)]
    [InlineData("CHANGELOG.md", true)]
    [InlineData("docs/keep.md", false)]
    [InlineData("docs/other.md", true)]
    [InlineData("src/app.cs", false)]
    public void IsExcluded_ExceptionsAfterExclusions_ReIncludeLastMatchWins(string path, bool excluded)
    {
        var matcher = new DockerIgnoreMatcher(["*.md", "!README.md", "docs", "!docs/keep.md"]);

        Assert.Equal(excluded, matcher.IsExcluded(path));
    }

    [Fact]
    public void IsExcluded_ExclusionAfterException_ExcludesAgain()
    {
        var matcher = new DockerIgnoreMatcher(["*.log", "!keep.log", "keep.log"]);

        Assert.True(matcher.IsExcluded("keep.log"));
    }

    [Fact]
    public void IsExcluded_EverythingExceptSource_KeepsOnlySource()
    {
        var matcher = new DockerIgnoreMatcher(["**", "!src", "!Dockerfile"]);

        Assert.False(matcher.IsExcluded("src/app/main.cs"));
        Assert.False(matcher.IsExcluded("Dockerfile"));
        Assert.True(matcher.IsExcluded("tests/a.cs"));
        Assert.True(matcher.IsExcluded(".git/config"));
    }

    [Fact]
    public void IsExcluded_ContextRoot_IsNeverExcluded()
    {
        Assert.False(new DockerIgnoreMatcher(["**"]).IsExcluded("."));
    }

    [Theory]
    [InlineData("docs/keep.md")]
    [InlineData("docs/a/b.md")]
    [InlineData("src/x.cs")]
    [InlineData("docs")]
    public void IsExcluded_IncrementalWalk_AgreesWithWholePathMatching(string path)
    {
        var matcher = new DockerIgnoreMatcher(["*.md", "!README.md", "docs", "!docs/keep.md", "src/**"]);
        var results = Array.Empty<bool>();
        var excluded = false;
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++)
            (excluded, results) = matcher.IsExcluded(string.Join('/', parts[..i]), results);

        Assert.Equal(matcher.IsExcluded(path), excluded);
    }

    [Fact]
    public void MayReincludeBelow_OnlyForExceptionsUnderTheDirectory()
    {
        var matcher = new DockerIgnoreMatcher(["docs", "!docs/keep.md"]);

        Assert.True(matcher.MayReincludeBelow("docs"));
        Assert.False(matcher.MayReincludeBelow("src"));
    }
}

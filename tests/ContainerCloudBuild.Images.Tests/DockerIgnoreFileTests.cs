using ContainerCloudBuild.Images.DockerIgnore;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DockerIgnoreFileTests
{
    [Fact]
    public void Parse_CommentsBlankLinesAndWhitespace_AreHandledLikeDocker()
    {
        var patterns = DockerIgnoreFile.Parse("\uFEFF# comment\n\n  *.log  \r\n   # not a comment: leading space\n!  keep.log\n");

        Assert.Equal(["*.log", "# not a comment: leading space", "!keep.log"], patterns);
    }

    [Fact]
    public void Parse_PathsAreCleanedAndMadeRelative()
    {
        var patterns = DockerIgnoreFile.Parse("/bin\n./obj/\nsrc//a/../b\n!/docs/x.md\n/\n");

        Assert.Equal(["bin", "obj", "src/b", "!docs/x.md", "/"], patterns);
    }

    [Fact]
    public void Read_NoFile_ReturnsNoPatterns()
    {
        using var dir = new ContainerCloudBuild.Testing.TempDirectory();

        Assert.Empty(DockerIgnoreFile.Read(dir.Path));
    }

    [Fact]
    public void Pattern_LoneExclamationMark_IsRejected()
    {
        var ex = Assert.Throws<FormatException>(() => new DockerIgnoreMatcher(["!"]));

        Assert.Contains("\"!\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pattern_UnclosedCharacterClass_IsRejectedNamingPattern()
    {
        var ex = Assert.Throws<FormatException>(() => new DockerIgnoreMatcher(["src/[abc"]));

        Assert.Contains("src/[abc", ex.Message, StringComparison.Ordinal);
    }
}

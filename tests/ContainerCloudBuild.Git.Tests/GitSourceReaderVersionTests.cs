namespace ContainerCloudBuild.Git.Tests;

public sealed class GitSourceReaderVersionTests
{
    private static readonly Dictionary<string, string?> NoEnv = [];

    [Fact]
    public void Read_OnVersionTag_ReturnsTagVersionAndCommit()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        var sha = repo.Commit();
        repo.Git("tag", "v1.4.0");

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal(sha, info.Sha);
        Assert.Equal(sha[..7], info.ShortSha);
        Assert.Equal("main", info.Branch);
        Assert.Equal("HEAD", info.BranchSource);
        Assert.Equal("v1.4.0", info.Tag);
        Assert.Equal("1.4.0", info.Version);
        Assert.Equal("v1.4.0", info.VersionTag);
        Assert.Equal(0, info.Height);
        Assert.False(info.IsDirty);
        Assert.False(info.IsShallow);
        Assert.Empty(info.Notes);
    }

    [Fact]
    public void Read_ThreeCommitsAfterReleaseTag_ReturnsNextPatchAlphaWithHeight()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("tag", "-a", "v1.4.0", "-m", "release 1.4.0");
        repo.Commit();
        repo.Commit();
        repo.Commit();

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal("1.4.1-alpha.0.3", info.Version);
        Assert.Equal(3, info.Height);
        Assert.Null(info.Tag);
    }

    [Fact]
    public void Read_AfterPreReleaseTag_AppendsHeightToPreRelease()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("tag", "v2.0.0-rc.1");
        repo.Commit();
        repo.Commit();

        Assert.Equal("2.0.0-rc.1.2", GitSourceReader.Read(repo.Path, NoEnv).Version);
    }

    [Fact]
    public void Read_SeveralTags_UsesNearestVersionTagAndIgnoresOthers()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("tag", "v3.0.0");
        repo.Commit();
        repo.Git("tag", "v1.1.0");
        repo.Git("tag", "v1.0.9");
        repo.Commit();
        repo.Git("tag", "release-candidate");
        repo.Git("tag", "vNext");
        repo.Commit();

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal("1.1.1-alpha.0.2", info.Version);
        Assert.Equal("v1.1.0", info.VersionTag);
    }

    [Fact]
    public void Read_NonVersionTagOnHead_IsReportedAsExactTag()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("tag", "nightly");

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal("nightly", info.Tag);
        Assert.StartsWith("0.0.0-alpha.0.", info.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoTags_FallsBackToZeroVersionAndSaysSo()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Commit();
        repo.Commit();

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal("0.0.0-alpha.0.2", info.Version);
        Assert.Null(info.VersionTag);
        Assert.Contains(info.Notes, n => n.Contains("fell back to 0.0.0-alpha.0.2", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ShallowClone_WorksAndSaysItIsShallow()
    {
        TestRepository.RequireGit();
        using var origin = new TestRepository();
        origin.Commit();
        origin.Git("tag", "v1.0.0");
        origin.Commit();
        origin.Commit();
        var head = origin.Commit();
        using var clones = new ContainerCloudBuild.Testing.TempDirectory("ccb-git-clone");
        TestRepository.Run(clones.Path, "clone", "--quiet", "--depth", "2", "--no-tags", "file://" + origin.Path, "shallow");

        var info = GitSourceReader.Read(Path.Combine(clones.Path, "shallow"), NoEnv);

        Assert.True(info.IsShallow);
        Assert.Equal(head, info.Sha);
        Assert.Equal("0.0.0-alpha.0.1", info.Version);
        Assert.Contains(info.Notes, n => n.Contains("shallow clone", StringComparison.Ordinal));
    }
}

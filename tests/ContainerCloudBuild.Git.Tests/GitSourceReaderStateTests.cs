namespace ContainerCloudBuild.Git.Tests;

public sealed class GitSourceReaderStateTests
{
    private static readonly Dictionary<string, string?> NoEnv = [];

    [Fact]
    public void Read_ModifiedTrackedFile_IsDirty()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Write("file1.txt", "changed\n");

        Assert.True(GitSourceReader.Read(repo.Path, NoEnv).IsDirty);
    }

    [Fact]
    public void Read_UntrackedFile_IsDirtyButIgnoredFileIsNot()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Write(".gitignore", "*.log\n");
        repo.Commit();
        repo.Write("build.log", "noise");
        Assert.False(GitSourceReader.Read(repo.Path, NoEnv).IsDirty);

        repo.Write("new.txt", "new");
        Assert.True(GitSourceReader.Read(repo.Path, NoEnv).IsDirty);
    }

    [Fact]
    public void Read_FromSubdirectory_FindsRepository()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Write("src/app/Program.cs", "// app");
        var sha = repo.Commit();

        Assert.Equal(sha, GitSourceReader.Read(Path.Combine(repo.Path, "src", "app"), NoEnv).Sha);
    }

    [Theory]
    [InlineData("GITHUB_REF_NAME", "feature/login", "feature/login")]
    [InlineData("GITHUB_HEAD_REF", "fix/crash", "fix/crash")]
    [InlineData("CI_COMMIT_REF_NAME", "release/2.x", "release/2.x")]
    [InlineData("BRANCH_NAME", "develop", "develop")]
    [InlineData("GIT_BRANCH", "origin/hotfix", "hotfix")]
    public void Read_DetachedHead_TakesBranchFromCiVariable(string variable, string value, string expected)
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("checkout", "--quiet", "--detach");

        var info = GitSourceReader.Read(repo.Path, new Dictionary<string, string?> { [variable] = value });

        Assert.Equal(expected, info.Branch);
        Assert.Equal(variable, info.BranchSource);
    }

    [Fact]
    public void Read_DetachedHeadOutsideCi_HasNoBranchAndSaysWhy()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("checkout", "--quiet", "--detach");

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Null(info.Branch);
        Assert.Equal("none", info.BranchSource);
        Assert.Contains(info.Notes, n => n.Contains("detached", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_AttachedHead_PrefersRealBranchOverCiVariable()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("checkout", "--quiet", "-b", "feature/x");

        var info = GitSourceReader.Read(repo.Path, new Dictionary<string, string?> { ["BRANCH_NAME"] = "other" });

        Assert.Equal("feature/x", info.Branch);
    }

    [Fact]
    public void Read_OriginUrlWithToken_ReportsUrlWithoutCredentials()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();
        repo.Commit();
        repo.Git("remote", "add", "origin", "https://x-access-token:s3cr3t@git.example.com/team/app.git");

        var info = GitSourceReader.Read(repo.Path, NoEnv);

        Assert.Equal("https://git.example.com/team/app.git", info.RemoteUrl);
    }

    [Fact]
    public void Read_NotARepository_ThrowsNamingThePath()
    {
        using var dir = new ContainerCloudBuild.Testing.TempDirectory("ccb-nogit");

        var ex = Assert.Throws<GitSourceException>(() => GitSourceReader.Read(dir.Path, NoEnv));

        Assert.Contains(dir.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not inside a git repository", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RepositoryWithoutCommits_ThrowsClearError()
    {
        TestRepository.RequireGit();
        using var repo = new TestRepository();

        var ex = Assert.Throws<GitSourceException>(() => GitSourceReader.Read(repo.Path, NoEnv));

        Assert.Contains("no commit yet", ex.Message, StringComparison.Ordinal);
    }
}

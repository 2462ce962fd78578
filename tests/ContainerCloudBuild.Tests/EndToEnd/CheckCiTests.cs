using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh CheckCi</c> in a throw-away repository whose build declares [GitLabCi] and [Jenkins]: it passes on what
/// <c>./build.sh GenerateCi</c> wrote and fails, naming each file and its first differing line, once a file is edited or gone.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class CheckCiTests : IDisposable
{
    private readonly TempDirectory _repo = new("ccb-checkci");

    [Fact]
    public async Task CheckCi_StaleOrMissingCommittedFile_FailsNamingFileAndFirstDifferingLine()
    {
        ThrowAwayBuildRepository.Create(_repo, BuildSource, "build.sh");
        using var generate = await BuildAsync("GenerateCi");
        Assert.True(generate.Process.ExitCode == 0, generate.Output);
        using var fresh = await BuildAsync("CheckCi");
        Assert.True(fresh.Process.ExitCode == 0, fresh.Output);
        Assert.Contains("CI files up to date: .gitlab-ci.yml, Jenkinsfile", fresh.Output, StringComparison.Ordinal);

        var gitlab = _repo.Combine(".gitlab-ci.yml");
        var lines = File.ReadAllLines(gitlab);
        var needs = Array.IndexOf(lines, "  needs: [compile]");
        Assert.True(needs > 0, string.Join('\n', lines));
        lines[needs] = "  needs: []";
        File.WriteAllLines(gitlab, lines);
        File.Delete(_repo.Combine("Jenkinsfile"));
        using var stale = await BuildAsync("CheckCi");

        Assert.True(stale.Process.ExitCode == 1, stale.Output);
        Assert.Contains($".gitlab-ci.yml is stale at line {needs + 1}: committed '  needs: []', generated '  needs: [compile]'. Run ./build.sh GenerateCi and commit it.",
            stale.Output, StringComparison.Ordinal);
        Assert.Contains("Jenkinsfile is missing: run ./build.sh GenerateCi and commit it.", stale.Output, StringComparison.Ordinal);
    }

    private Task<ShellRun> BuildAsync(string target) => ShellRun.CompileAndRunAsync(_repo.Path, null, "/bin/bash", "./build.sh", target);

    private const string BuildSource = """
        using ContainerCloudBuild;
        using ContainerCloudBuild.CiGeneration;
        using ContainerCloudBuild.Engine;

        [GitLabCi("Compile", "Test", Image = "")]
        [Jenkins("Compile", "Test")]
        sealed class Build : PipelineBuild
        {
            public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Test);

            Target Compile => _ => _.Executes(() => { });

            Target Test => _ => _.DependsOn(Compile).Executes(() => { });
        }
        """;

    public void Dispose() => _repo.Dispose();
}

using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// A throw-away repository's build generates its <c>.gitlab-ci.yml</c> with <c>./build.sh GenerateCi</c>, and
/// gitlab-ci-local (a runner nobody here wrote) runs it with the shell executor, each job in its own copy of the
/// repository: the jobs call ./build.sh, the test job reads what the compile job left as an artifact, the secret
/// is masked, targets are collapsible sections, and a failing target fails its job with the target's message.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class GeneratedGitLabPipelineTests : IDisposable
{
    private const string Token = "tok-Secret-4711";
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(20);
    private readonly TempDirectory _repo = new("ccb-gitlab");

    [Fact]
    public async Task GeneratedPipeline_UnderGitLabCiLocal_PassesArtifactsMasksSecretsAndFailsTheBrokenJob()
    {
        var gitlabCiLocal = GitLabCiLocal.Require();
        ThrowAwayBuildRepository.Create(_repo, BuildSource, "build.sh");
        _repo.WriteFile(".gitignore", "out/\n.gitlab-ci-local/\nbuild/bin/\nbuild/obj/\n.nuke/temp/\n.nuget/\n");

        using var generate = await Run("/bin/bash", "./build.sh", "GenerateCi");
        Assert.True(generate.Process.ExitCode == 0, generate.Output);
        Assert.Contains(".gitlab-ci.yml: written", generate.Output, StringComparison.Ordinal);
        using var check = await Run("/bin/bash", "./build.sh", "CheckCi");
        Assert.True(check.Process.ExitCode == 0, check.Output);
        await Git("init", "-q", "-b", "main");
        await Git("add", "-A");
        await Git("-c", "user.name=ci", "-c", "user.email=ci@example.invalid", "commit", "-q", "-m", "generated pipeline");

        using var pipeline = ShellRun.Start(_repo.Path, null, gitlabCiLocal,
            "--force-shell-executor", "--shell-isolation", "--variable", "GITLAB_CI=true", "--variable", $"API_TOKEN={Token}");
        await pipeline.WaitAsync(PipelineTimeout);
        var log = pipeline.Output;

        Assert.True(pipeline.Process.ExitCode == 1, $"gitlab-ci-local exited {pipeline.Process.ExitCode}:\n{log}");
        Assert.Contains(" PASS  compile", log, StringComparison.Ordinal);
        Assert.Matches(@" PASS  test\s", log);
        Assert.Matches(@" FAIL  broken\s", log);
        Assert.Matches(@"broken\s+finished in .*FAIL 1", log);
        Assert.Matches(@"broken\s+> Broken failed: InvalidOperationException: the broken target's own message", log);
        Assert.Matches(@"test\s+> test read: compiled in job compile", log);
        Assert.Matches(@"test\s+> Running Test on GitLab CI\.", log);
        Assert.Matches(@"test\s+> token: \*\*\*", log);
        Assert.DoesNotContain(Token, log.Replace($"API_TOKEN={Token}", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"test\s+> \u001b\[0Ksection_start:\d+:test\[collapsed=false\]", log);
        Assert.Matches(@"test\s+> \u001b\[0Ksection_end:\d+:test", log);
        var brokenRecord = File.ReadAllText(_repo.Combine(".gitlab-ci-local", "artifacts", "broken", ".nuke", "temp", "last-run.json"));
        Assert.Contains("own message", brokenRecord, StringComparison.Ordinal); // the JSON escapes the apostrophe
        Assert.DoesNotContain(Token, File.ReadAllText(_repo.Combine(".gitlab-ci-local", "artifacts", "test", ".nuke", "temp", "last-run.json")), StringComparison.Ordinal);

        File.WriteAllText(_repo.Combine(".gitlab-ci.yml"), File.ReadAllText(_repo.Combine(".gitlab-ci.yml")).Replace("needs: [compile]", "needs: []", StringComparison.Ordinal));
        using var stale = await Run("/bin/bash", "./build.sh", "CheckCi");
        Assert.Equal(1, stale.Process.ExitCode);
        Assert.Matches(@"\.gitlab-ci\.yml is stale at line \d+: committed '  needs: \[\]', generated '  needs: \[compile\]'", stale.Output);
    }

    private Task<ShellRun> Run(string fileName, params string[] args) => WaitedRun(ShellRun.Start(_repo.Path, null, fileName, args));

    private static async Task<ShellRun> WaitedRun(ShellRun run)
    {
        await run.WaitAsync(PipelineTimeout);
        return run;
    }

    private async Task Git(params string[] args)
    {
        using var git = await Run("git", args);
        Assert.True(git.Process.ExitCode == 0, $"git {string.Join(' ', args)}: {git.Output}");
    }

    private const string BuildSource = """
        using ContainerCloudBuild;
        using ContainerCloudBuild.CiGeneration;
        using ContainerCloudBuild.Engine;

        [GitLabCi("Compile", "Test", "Broken", Image = "")]
        sealed class Build : PipelineBuild
        {
            public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Test);

            [Parameter("Token of the test service"), Secret] readonly string? ApiToken;

            AbsolutePath Output => RootDirectory / "out" / "app.txt";

            Target Compile => _ => _
                .Outputs("out/app.txt")
                .Executes(() =>
                {
                    Directory.CreateDirectory(RootDirectory / "out");
                    File.WriteAllText(Output, $"compiled in job {Environment.GetEnvironmentVariable("CI_JOB_NAME")}");
                });

            Target Test => _ => _
                .DependsOn(Compile)
                .Executes(() =>
                {
                    Console.WriteLine($"test read: {File.ReadAllText(Output)}");
                    Console.WriteLine($"token: {ApiToken}");
                });

            Target Broken => _ => _
                .DependsOn(Compile)
                .Executes(() => throw new InvalidOperationException("the broken target's own message"));
        }
        """;

    public void Dispose() => _repo.Dispose();
}

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
    private readonly TempDirectory _repo;
    private readonly GitLabCiLocalRepository _pipeline;

    public GeneratedGitLabPipelineTests()
    {
        _repo = new("ccb-gitlab");
        _pipeline = new(_repo, PipelineTimeout);
    }

    [Fact]
    public async Task GeneratedPipeline_UnderGitLabCiLocal_PassesArtifactsMasksSecretsAndFailsTheBrokenJob()
    {
        var gitlabCiLocal = GitLabCiLocal.Require();
        ThrowAwayBuildRepository.Create(_repo, BuildSource, "build.sh");
        _repo.WriteFile(".gitignore", "out/\n.gitlab-ci-local/\nbuild/bin/\nbuild/obj/\n.nuke/temp/\n.nuget/\n");

        using var generate = await _pipeline.RunAsync("/bin/bash", "./build.sh", "GenerateCi");
        Assert.True(generate.Process.ExitCode == 0, generate.Output);
        Assert.Contains(".gitlab-ci.yml: written", generate.Output, StringComparison.Ordinal);
        using var check = await _pipeline.RunAsync("/bin/bash", "./build.sh", "CheckCi");
        Assert.True(check.Process.ExitCode == 0, check.Output);
        await _pipeline.CommitAllAsync();

        using var pipeline = await _pipeline.RunPipelineAsync(gitlabCiLocal, $"API_TOKEN={Token}");
        var log = pipeline.Output;
        TestContext.Current.TestOutputHelper?.WriteLine(log); // gitlab-ci-local's "finished in" lines: where the time goes

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
        Assert.Contains("own message", Artifact("broken", "last-run.json"), StringComparison.Ordinal); // JSON and HTML escape the apostrophe
        Assert.Contains("own message", Artifact("broken", "report.html"), StringComparison.Ordinal);
        Assert.Contains("<title>Build Compile: succeeded</title>", Artifact("compile", "report.html"), StringComparison.Ordinal);
        foreach (var file in new[] { "last-run.json", "report.html" })
            Assert.DoesNotContain(Token, Artifact("test", file), StringComparison.Ordinal);
    }

    /// <summary>A file the job kept under .nuke/temp, as gitlab-ci-local collected its artifacts.</summary>
    private string Artifact(string job, string file) => File.ReadAllText(_repo.Combine(".gitlab-ci-local", "artifacts", job, ".nuke", "temp", file));

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

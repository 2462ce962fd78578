using System.Text.RegularExpressions;
using ContainerCloudBuild.CiGeneration;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// A throw-away repository whose build publishes once (<c>PublishTarget</c>) and deploys to two environments generates its
/// <c>.gitlab-ci.yml</c>, and gitlab-ci-local runs it with the shell executor, each job in its own copy of the repository:
/// the publish job records a digest no other job could make up (random per run), and both deploy jobs deploy exactly that
/// reference, read from the publish job's artifact through DeployBuild's --deploy-image-file.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed partial class GeneratedGitLabPublishPipelineTests : IDisposable
{
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(20);
    private readonly TempDirectory _repo;
    private readonly GitLabCiLocalRepository _pipeline;

    public GeneratedGitLabPublishPipelineTests()
    {
        _repo = new("ccb-gitlab-publish");
        _pipeline = new(_repo, PipelineTimeout);
    }

    [Fact]
    public async Task PublishingPipeline_UnderGitLabCiLocal_DeploysThePublishJobsDigestToEveryEnvironment()
    {
        var gitlabCiLocal = GitLabCiLocal.Require();
        ThrowAwayBuildRepository.Create(_repo, BuildSource, "build.sh");
        _repo.WriteFile(".gitignore", "artifacts/\n.gitlab-ci-local/\nbuild/bin/\nbuild/obj/\n.nuke/temp/\n.nuget/\n");
        using (var generate = await _pipeline.RunAsync("/bin/bash", "./build.sh", "GenerateCi"))
            Assert.True(generate.Process.ExitCode == 0, generate.Output);
        await _pipeline.CommitAllAsync();

        using var pipeline = await _pipeline.RunPipelineAsync(gitlabCiLocal);
        var log = pipeline.Output;
        TestContext.Current.TestOutputHelper?.WriteLine(log);

        Assert.True(pipeline.Process.ExitCode == 0, $"gitlab-ci-local exited {pipeline.Process.ExitCode}:\n{log}");
        foreach (var job in new[] { "test", "push", "ship-staging", "ship-production" })
            Assert.Matches($@" PASS  {job}\s", log);
        var published = PublishedLine().Match(log);
        Assert.True(published.Success, $"the push job printed no published reference:\n{log}");
        var reference = published.Groups["reference"].Value;
        Assert.Equal(reference + "\n", File.ReadAllText(_repo.Combine(".gitlab-ci-local", "artifacts", "push", CiPipelineBuilder.PublishedImagePath)));
        Assert.Matches($@"ship-staging\s+> deploying {Regex.Escape(reference)} to staging", log);
        Assert.Matches($@"ship-production\s+> deploying {Regex.Escape(reference)} to production", log);
        Assert.Single(Regex.Matches(log, @"> pushed a fresh digest"));
    }

    [GeneratedRegex(@"push\s+> Published (?<reference>registry\.example\.com/shop/orders@sha256:[0-9a-f]{64}), recorded in artifacts/published-image\.txt")]
    private static partial Regex PublishedLine();

    // Ship deploys what --deploy-image-file names (DeployBuild.GivenImageAsync, which Deploy's ImageToDeployAsync reads too);
    // it fails when the file is missing, and a Push run in its job would make another digest.
    private const string BuildSource = """
        using System.Security.Cryptography;
        using ContainerCloudBuild;
        using ContainerCloudBuild.Abstractions;
        using ContainerCloudBuild.CiGeneration;
        using ContainerCloudBuild.Deploy;
        using ContainerCloudBuild.Engine;

        [GitLabCi("Test", PublishTarget = "Push", DeployTargets = ["Ship"], Environments = ["staging", "production"], Image = "")]
        sealed class Build : DeployBuild
        {
            public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Test);

            Target Test => _ => _.Executes(() => Console.WriteLine("tested"));

            Target Push => _ => _
                .DependsOn(Test)
                .OnlyWhenStatic(() => !DeploysGivenImage)
                .Executes(async ct =>
                {
                    Console.WriteLine("pushed a fresh digest");
                    var digest = "sha256:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                    await RecordPublishedImageAsync(new ImageReference("registry.example.com", "shop/orders", "1.0.0", digest), ct);
                });

            Target Ship => _ => _
                .DependsOn(Push)
                .Executes(async ct =>
                {
                    var image = await GivenImageAsync(ct) ?? throw new InvalidOperationException("no image given to deploy");
                    Console.WriteLine($"deploying {image.ToDeployString()} to {Environment}");
                });
        }
        """;

    public void Dispose() => _repo.Dispose();
}

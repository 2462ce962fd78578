using System.Runtime.CompilerServices;

namespace ContainerCloudBuild.CiGeneration.Tests;

/// <summary>
/// The files generated for <see cref="PublishingBuild"/>: the publish job, its recorded image as an artifact (a stash in
/// Jenkins), and deploy jobs that need it and deploy that record. Each file is also compared with Goldens/publishing;
/// set UPDATE_GOLDENS=1 to rewrite them from the current output (then review the diff).
/// </summary>
public sealed class CiPublishWriterTests
{
    private const string Record = CiPipelineBuilder.PublishedImagePath;

    private static string File(string relativePath) => CiFiles.Generate(new PublishingBuild()).Single(f => f.RelativePath == relativePath).Content;

    [Fact]
    public void GitLab_PublishJob_RunsOnTheDefaultBranchAndKeepsTheRecordAsArtifact()
    {
        var yaml = File(GitLabCiWriter.FileName);

        Assert.Contains("stages:\n  - test\n  - push\n  - deploy-staging\n  - deploy-production\n", yaml, StringComparison.Ordinal);
        Assert.Contains(
            "push:\n  stage: push\n  needs: [test]\n  rules:\n    - if: $CI_COMMIT_BRANCH == \"main\"\n  script:\n" +
            $"    - \"./build.sh Push --skip Compile Test --published-image-file {Record}\"\n" +
            "  artifacts:\n    name: \"$CI_JOB_NAME\"\n    when: always\n    expire_in: 1 week\n    paths:\n" +
            $"      - .nuke/temp/last-run.json\n      - .nuke/temp/report.html\n      - {Record}\n\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_DeployJobs_NeedThePublishJobAndDeployItsRecord()
    {
        var yaml = File(GitLabCiWriter.FileName);

        Assert.Contains("deploy-staging:\n  stage: deploy-staging\n  needs: [test, push]\n  environment:\n    name: staging\n", yaml, StringComparison.Ordinal);
        Assert.Contains("deploy-production:\n  stage: deploy-production\n  needs: [test, push, deploy-staging]\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"    - \"./build.sh Deploy --skip Compile Test Image Push --environment staging --deploy-image-file {Record}\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains($"    - \"./build.sh Deploy --skip Compile Test Image Push --environment production --deploy-image-file {Record}\"\n", yaml, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(yaml, "./build.sh Push"));
    }

    [Fact]
    public void Jenkins_PublishStage_StashesTheRecordAndEachDeployStageUnstashesItFirst()
    {
        var jenkinsfile = File(JenkinsfileWriter.FileName);

        Assert.Contains(
            "    stage('push') {\n      when { branch 'main' }\n      steps {\n" +
            "        withCredentials([string(credentialsId: 'registry-password', variable: 'REGISTRY_PASSWORD')]) {\n" +
            $"          sh './build.sh Push --skip Compile Test --published-image-file {Record}'\n        }}\n" +
            $"        stash name: 'published-image', includes: '{Record}'\n      }}\n    }}\n", jenkinsfile, StringComparison.Ordinal);
        foreach (var environment in new[] { "staging", "production" })
        {
            Assert.Contains(
                $"    stage('deploy-{environment}') {{\n      when {{ branch 'main' }}\n      steps {{\n        unstash 'published-image'\n", jenkinsfile, StringComparison.Ordinal);
            Assert.Contains($"sh './build.sh Deploy --skip Compile Test Image Push --environment {environment} --deploy-image-file {Record}'", jenkinsfile, StringComparison.Ordinal);
        }

        Assert.Equal(2, CountOf(jenkinsfile, "unstash 'published-image'"));
        Assert.True(jenkinsfile.IndexOf("stash name:", StringComparison.Ordinal) < jenkinsfile.IndexOf("unstash", StringComparison.Ordinal));
    }

    [Fact]
    public void GitHubActions_DeployJobs_DownloadThePublishJobsRecordBeforeDeploying()
    {
        var workflow = File(GitHubActionsWriter.FileName);

        Assert.Contains("  push:\n    runs-on: ubuntu-latest\n    needs: [test]\n    if: github.ref == 'refs/heads/main'\n    steps:\n", workflow, StringComparison.Ordinal);
        Assert.Contains($"          name: push\n          include-hidden-files: true\n          if-no-files-found: ignore\n          path: |\n" +
            $"            .nuke/temp/last-run.json\n            .nuke/temp/report.html\n            {Record}\n", workflow, StringComparison.Ordinal);
        Assert.Contains("  deploy-staging:\n    runs-on: ubuntu-latest\n    needs: [test, push]\n", workflow, StringComparison.Ordinal);
        Assert.Contains(
            "      - uses: actions/download-artifact@v4\n        with:\n          name: push\n" +
            $"      - run: \"./build.sh Deploy --skip Compile Test Image Push --environment staging --deploy-image-file {Record}\"\n", workflow, StringComparison.Ordinal);
    }

    public static TheoryData<string> Files => [GitLabCiWriter.FileName, JenkinsfileWriter.FileName, GitHubActionsWriter.FileName];

    [Theory]
    [MemberData(nameof(Files))]
    public void Generate_PublishingBuild_MatchesGoldenFile(string relativePath)
    {
        var golden = Path.Combine(Goldens, "publishing", relativePath);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDENS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
            System.IO.File.WriteAllText(golden, File(relativePath));
        }

        Assert.True(System.IO.File.Exists(golden), $"No golden {golden}; run with UPDATE_GOLDENS=1 once and review it.");
        Assert.Equal(System.IO.File.ReadAllText(golden), File(relativePath));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    private static string Goldens { get; } = Path.Combine(ProjectDirectory(), "Goldens");

    /// <summary>The test project folder: found above the test binaries, else the source path.</summary>
    private static string ProjectDirectory([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.CiGeneration.Tests.csproj")))
                return dir.FullName;
        }

        return Path.GetDirectoryName(path)!;
    }
}

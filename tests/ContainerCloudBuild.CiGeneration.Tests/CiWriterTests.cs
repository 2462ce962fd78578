namespace ContainerCloudBuild.CiGeneration.Tests;

public sealed class CiWriterTests
{
    private static string File(string relativePath) => CiFiles.Generate(new ServiceBuild()).Single(f => f.RelativePath == relativePath).Content;

    [Fact]
    public void Generate_BuildWithThreeAttributes_WritesOneFilePerSystem()
    {
        Assert.Equal([".gitlab-ci.yml", "Jenkinsfile", ".github/workflows/build.yml"], CiFiles.Generate(new ServiceBuild()).Select(f => f.RelativePath));
    }

    [Fact]
    public void GitLab_Pipeline_HasStagesNeedsCacheArtifactsAndOneResourceGroupPerEnvironment()
    {
        var yaml = File(GitLabCiWriter.FileName);

        Assert.Contains("stages:\n  - compile\n  - test-pack\n  - deploy-staging\n  - deploy-production\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  NUGET_PACKAGES: \"$CI_PROJECT_DIR/.nuget/packages\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    paths:\n      - .nuget/packages/\n", yaml, StringComparison.Ordinal);
        Assert.Contains("test:\n  stage: test-pack\n  needs: [compile]\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  script:\n    - \"./build.sh Test --skip Restore Compile\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("      - .nuke/temp/last-run.json\n      - .nuke/temp/report.html\n      - \"artifacts/test-results/*.trx\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("deploy-staging:\n  stage: deploy-staging\n  needs: [compile, pack]\n  environment:\n    name: staging\n  resource_group: deploy-staging\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  resource_group: deploy-production\n  rules:\n    - if: $CI_COMMIT_BRANCH == \"main\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("workflow:\n  rules:\n    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n    - if: $CI_COMMIT_BRANCH == \"main\"\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_SecretParameter_IsNamedAsMaskedProtectedVariableNeverWithItsDefault()
    {
        var yaml = File(GitLabCiWriter.FileName);

        Assert.Contains("masked and protected CI/CD variables", yaml, StringComparison.Ordinal);
        Assert.Contains("#   HARBOR_PASSWORD (Harbor robot secret)\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("default-is-no-secret", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_Stages_OnlyCallBuildShInsideCredentialsBindings()
    {
        var jenkinsfile = File(JenkinsfileWriter.FileName);
        var steps = jenkinsfile.Split('\n').Where(l => l.TrimStart().StartsWith("sh ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();

        Assert.Equal(
            ["sh './build.sh Compile'", "sh './build.sh Test --skip Restore Compile'", "sh './build.sh Pack --skip Restore Compile'",
             "sh './build.sh Deploy --skip Restore Compile Pack --environment staging'", "sh './build.sh Deploy --skip Restore Compile Pack --environment production'"],
            steps);
        Assert.Equal(5, CountOf(jenkinsfile, "withCredentials([string(credentialsId: 'harbor-password', variable: 'HARBOR_PASSWORD')]) {"));
        Assert.Contains("    stage('deploy-staging') {\n      when { branch 'main' }\n", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("archiveArtifacts artifacts: '.nuke/temp/last-run.json,.nuke/temp/report.html,src/App/bin/**,", jenkinsfile, StringComparison.Ordinal);
        Assert.DoesNotContain("default-is-no-secret", jenkinsfile, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubActions_Jobs_PassArtifactsAndSecretsAndSerializeDeploysPerEnvironment()
    {
        var workflow = File(GitHubActionsWriter.FileName);

        Assert.Contains("  test:\n    runs-on: ubuntu-latest\n    needs: [compile]\n", workflow, StringComparison.Ordinal);
        Assert.Contains("      - uses: actions/download-artifact@v4\n        with:\n          name: compile\n      - run: \"./build.sh Test --skip Restore Compile\"\n", workflow, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(workflow, "          HARBOR_PASSWORD: ${{ secrets.HARBOR_PASSWORD }}\n"));
        Assert.Contains("    environment: staging\n    concurrency:\n      group: deploy-staging\n      cancel-in-progress: false\n", workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("default-is-no-secret", workflow, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}

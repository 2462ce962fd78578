namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// The CI files the ccb-service template ships are what its build/Build.cs generates: <c>templates/ccb-service-ci.sh --check</c>
/// compiles the template's build against this repository and runs its CheckCi on the shipped files.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class TemplateCiFilesTests
{
    [Fact]
    public async Task ShippedCiFiles_CheckedAgainstTheTemplateBuild_AreUpToDate()
    {
        using var check = await ShellRun.CompileAndRunAsync(RepositoryRoot.Path, null, "/bin/bash", "templates/ccb-service-ci.sh", "--check");

        Assert.True(check.Process.ExitCode == 0, check.Output);
        Assert.Contains("CI files up to date: .gitlab-ci.yml, Jenkinsfile, .github/workflows/build.yml", check.Output, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// Each CI file restores packages into the checkout (its NUGET_PACKAGES, cached between runs); the checkout's .gitignore
/// must ignore that folder, or every CI run leaves the tree dirty. Checked with git on a copy of the .gitignore.
/// </summary>
public sealed partial class CiNuGetFolderIgnoredTests
{
    private static readonly string[] CiFiles = [".gitlab-ci.yml", ".github/workflows/build.yml", "Jenkinsfile"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(".")]
    [InlineData("templates/ccb-service")]
    public async Task GitIgnore_NuGetPackagesFolderOfEachCiFile_IsIgnored(string checkout)
    {
        var source = Path.Combine(RepositoryRoot.Path, checkout);
        using var copy = new TempDirectory("ccb-gitignore");
        File.Copy(Path.Combine(source, ".gitignore"), Path.Combine(copy.Path, ".gitignore"));
        Assert.Equal(0, (await ToolProcess.RunAsync("git", ["init", "-q", copy.Path], Ct)).ExitCode);

        foreach (var file in CiFiles)
        {
            var match = NuGetPackagesInCheckout().Match(await File.ReadAllTextAsync(Path.Combine(source, file), Ct));
            Assert.True(match.Success, $"{checkout}/{file} sets no NUGET_PACKAGES inside the checkout");
            var folder = match.Groups["folder"].Value;
            var check = await ToolProcess.RunAsync("git", ["-C", copy.Path, "check-ignore", "-q", $"{folder}/newtonsoft.json/13.0.3/newtonsoft.json.nuspec"], Ct);
            Assert.True(check.ExitCode == 0, $"{checkout}/.gitignore does not ignore {folder}, where {file} restores packages: a CI run leaves the tree dirty");
        }
    }

    /// <summary>GitLab's <c>$CI_PROJECT_DIR/…</c>, GitHub's <c>${{ github.workspace }}/…</c>, Jenkins' <c>${WORKSPACE}/…</c>.</summary>
    [GeneratedRegex(@"NUGET_PACKAGES\s*[:=]\s*""?(?:\$CI_PROJECT_DIR|\$\{\{\s*github\.workspace\s*\}\}|\$\{WORKSPACE\})/(?<folder>[^""\s]+)", RegexOptions.CultureInvariant)]
    private static partial Regex NuGetPackagesInCheckout();
}

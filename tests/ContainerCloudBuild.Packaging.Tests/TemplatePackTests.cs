using ContainerCloudBuild.Packaging.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Packaging.Tests;

/// <summary>dotnet new with the packed template pack, installed into a throw-away DOTNET_CLI_HOME.</summary>
public sealed class TemplatePackTests(PackedFeed feed) : IDisposable
{
    private readonly PrivateTemplateHive _hive = new();
    private readonly TempDirectory _work = new("ccb-new");

    private IReadOnlyDictionary<string, string> CliHome => _hive.Environment;

    private Task InstallAsync(CancellationToken ct) => _hive.InstallAsync(feed, _work.Path, ct);

    [Fact]
    public async Task CcbService_GeneratedWithOptions_BuildsWithZeroWarningsAgainstTheFolderFeed()
    {
        var ct = TestContext.Current.CancellationToken;
        await InstallAsync(ct);
        feed.WriteNuGetConfig(_work);

        (await DotNetCli.RunAsync(_work.Path, CliHome, ct, "new", "ccb-service", "-n", "Orders.Api", "-o", "orders", "--registry", "harbor.example.com",
            "--harbor-project", "shop", "--namespace", "shop-prod", "--strategy", "blue-green", "--ci", "github")).EnsureSuccess("dotnet new ccb-service");

        var root = _work.Combine("orders");
        var values = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "values.yaml"), ct);
        Assert.Contains("name: orders-api", values, StringComparison.Ordinal);
        Assert.Contains("namespace: shop-prod", values, StringComparison.Ordinal);
        Assert.Contains("repository: harbor.example.com/shop/orders-api", values, StringComparison.Ordinal);
        Assert.Contains("strategy: blue-green", values, StringComparison.Ordinal);
        Assert.Equal([".github/workflows/build.yml"], CiFilesIn(root));
        Assert.Contains("[GitHubActions(\"Test\"", await File.ReadAllTextAsync(Path.Combine(root, "build", "Build.cs"), ct), StringComparison.Ordinal);
        Assert.Contains($"Version=\"{feed.Version}\"", await File.ReadAllTextAsync(Path.Combine(root, "build", "_build.csproj"), ct), StringComparison.Ordinal);

        foreach (var project in new[] { "Orders.Api.slnx", "build/_build.csproj" })
        {
            var build = await DotNetCli.RunAsync(root, feed.NoEnvironment, ct, "build", project, "-nologo");
            build.EnsureSuccess($"dotnet build {project}");
            Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        }

        // The shipped workflow is what the generated build's own CI attribute generates.
        var checkCi = await DotNetCli.RunProcessAsync("/bin/bash", root, feed.NoEnvironment, ["./build.sh", "CheckCi"], ct);
        checkCi.EnsureSuccess("./build.sh CheckCi");
        Assert.Contains("CI files up to date: .github/workflows/build.yml", checkCi.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--strategy", "sideways")]
    [InlineData("--ci", "travis")]
    public async Task CcbService_InvalidChoice_FailsNamingTheOptionAndTheValue(string option, string value)
    {
        var ct = TestContext.Current.CancellationToken;
        await InstallAsync(ct);

        var result = await DotNetCli.RunAsync(_work.Path, CliHome, ct, "new", "ccb-service", "-n", "Orders", "-o", "orders", option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"'{value}' is not a valid value for {option}", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.Combine("orders")));
    }

    [Theory]
    [InlineData("gitlab", ".gitlab-ci.yml", "[GitLabCi(")]
    [InlineData("jenkins", "Jenkinsfile", "[Jenkins(")]
    [InlineData("none", null, null)]
    public async Task CcbBuild_InAnExistingRepository_AddsOnlyTheBuildProjectItsScriptsAndTheChosenCiFile(string ci, string? ciFile, string? attribute)
    {
        var ct = TestContext.Current.CancellationToken;
        await InstallAsync(ct);
        var existing = _work.Combine("existing");
        Directory.CreateDirectory(existing);
        await File.WriteAllTextAsync(Path.Combine(existing, "README.md"), "an existing repository\n", ct);

        (await DotNetCli.RunAsync(existing, CliHome, ct, "new", "ccb-build", "-n", "Billing", "--registry", "harbor.example.com", "--harbor-project", "finance", "--ci", ci))
            .EnsureSuccess("dotnet new ccb-build");

        var created = Directory.EnumerateFiles(existing, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(existing, f)).Order(StringComparer.Ordinal);
        List<string> expected = [".nuke/build.schema.json", ".nuke/parameters.json", "README.md", "build.ps1", "build.sh", "build/Build.cs", "build/_build.csproj"];
        if (ciFile is not null) expected.Add(ciFile);
        Assert.Equal(expected.Order(StringComparer.Ordinal), created);
        var build = await File.ReadAllTextAsync(Path.Combine(existing, "build", "Build.cs"), ct);
        Assert.Equal(attribute is not null, build.Contains("using ContainerCloudBuild.CiGeneration;", StringComparison.Ordinal));
        if (attribute is not null) Assert.Contains(attribute, build, StringComparison.Ordinal);
        Assert.DoesNotContain("#if", build, StringComparison.Ordinal);
        Assert.Contains("\"ImageRepository\": \"finance/billing\"", await File.ReadAllTextAsync(Path.Combine(existing, ".nuke", "parameters.json"), ct), StringComparison.Ordinal);
    }

    /// <summary>The CI files (of any system) in a generated project.</summary>
    private static List<string> CiFilesIn(string root) =>
        new[] { ".gitlab-ci.yml", "Jenkinsfile", ".github/workflows/build.yml" }.Where(f => File.Exists(Path.Combine(root, f))).ToList();

    public void Dispose()
    {
        _work.Dispose();
        _hive.Dispose();
    }
}

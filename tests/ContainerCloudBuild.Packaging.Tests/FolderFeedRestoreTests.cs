using ContainerCloudBuild.Packaging.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Packaging.Tests;

public sealed class FolderFeedRestoreTests(PackedFeed feed)
{
    [Fact]
    public async Task ThrowAwayBuild_ReferencingTheHostPackage_RestoresFromTheFolderFeedAndFindsShippedTemplates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var repository = new TempDirectory("ccb-consumer");
        feed.WriteNuGetConfig(repository);
        repository.WriteFile(".nuke/parameters.json", "{}");
        repository.WriteFile("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ContainerCloudBuild" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        repository.WriteFile("build/Build.cs", """
            using ContainerCloudBuild.Deploy;
            using ContainerCloudBuild.Engine;

            sealed class Build : DeployBuild
            {
                public static Task<int> Main(string[] args) => Run<Build>(args, x => x.ShippedTemplates);

                Target ShippedTemplates => _ => _.Executes(() => Context.Console.Info("templates: " + DeployTemplates.Find(RootDirectory)));
            }
            """);

        var build = await DotNetCli.RunAsync(repository.Path, feed.NoEnvironment, ct, "build", "build/_build.csproj", "-nologo");
        build.EnsureSuccess("dotnet build of the consumer");
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        var output = repository.Combine("build", "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "templates", "manifests", "defaults.yaml")), build.Output);

        var run = await DotNetCli.RunAsync(repository.Path, feed.NoEnvironment, ct, Path.Combine(output, "_build.dll"));

        run.EnsureSuccess("the consumer's build");
        Assert.Contains("templates: " + Path.Combine(output, "templates", "manifests"), run.Output, StringComparison.Ordinal);
    }
}

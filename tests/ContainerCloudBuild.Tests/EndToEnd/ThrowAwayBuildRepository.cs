using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// Lays out a team repository in a temp folder as a user's clone has it: this repository's bootstrap scripts and
/// global.json, and <c>build/_build.csproj</c> referencing this repository's ContainerCloudBuild project with
/// <paramref name="buildSource"/> as <c>build/Build.cs</c>. Compiled by its first <c>./build.sh</c> call.
/// </summary>
internal static class ThrowAwayBuildRepository
{
    public static void Create(TempDirectory directory, string buildSource, params string[] scripts)
    {
        foreach (var file in scripts.Append("global.json"))
            File.Copy(Path.Combine(RepositoryRoot.Path, file), directory.Combine(file));
        directory.WriteFile("build/_build.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(RepositoryRoot.Path, "src", "ContainerCloudBuild", "ContainerCloudBuild.csproj")}" />
              </ItemGroup>
            </Project>
            """);
        directory.WriteFile("build/Build.cs", buildSource);
    }
}

using ContainerCloudBuild;
using ContainerCloudBuild.CiGeneration;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Tools;

/// <summary>This repository's own pipeline, written with the engine it builds.</summary>
/// <remarks>The CI files are generated from these attributes (./build.sh GenerateCi); .ci/run checks them (CheckCi).</remarks>
[GitLabCi(nameof(Test), nameof(Pack))]
[Jenkins(nameof(Test), nameof(Pack))]
[GitHubActions(nameof(Test), nameof(Pack))]
sealed partial class Build : DeployBuild
{
    public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Test);

    [Parameter("Build configuration")] readonly Configuration Configuration = Configuration.Debug;
    [Parameter("Package version (default: from git, the nearest v* tag and the height since it)")] readonly string? Version;

    AbsolutePath Solution => RootDirectory / "ContainerCloudBuild.sln";
    AbsolutePath ArtifactsDirectory => RootDirectory / "artifacts";
    AbsolutePath PackagesDirectory => ArtifactsDirectory / "packages";

    Target Restore => _ => _
        .Description("Restores NuGet packages")
        .Inputs("**/*.csproj", "Directory.Packages.props", "Directory.Build.props", "!**/bin/**", "!**/obj/**", "!artifacts/**")
        .Outputs("src/ContainerCloudBuild.Engine/obj/project.assets.json")
        .Executes(ct => DotNet.Restore(Solution).RunAsync(ct));

    Target Compile => _ => _
        .Description("Compiles the solution (warnings are errors)")
        .DependsOn(Restore)
        .Executes(ct => DotNet.Build(Solution, Configuration.ToString()).RunAsync(ct));

    Target Test => _ => _
        .Description("Sets up the machine (Prerequisites), runs unit and integration tests; prints 'N passed, N failed'")
        .DependsOn(Prerequisites, Compile)
        .Executes(ct => TestRun.RunAsync(Solution, Configuration.ToString(), ct));

    Target Pack => _ => _
        .Description("Packs the libraries (with symbols) and the dotnet new templates into artifacts/packages, versioned from git")
        .DependsOn(Compile)
        .After(Test)
        .Executes(async ct =>
        {
            var version = Version ?? PackageVersion.FromGit(RootDirectory, Context);
            Context.Console.Info($"Package version {version}");
            await DotNet.Pack(Solution, Configuration.ToString(), PackagesDirectory, version).RunAsync(ct);
            await DotNet.Command("pack", RootDirectory / "templates" / "ContainerCloudBuild.Templates.csproj", "--configuration", Configuration.ToString(),
                "--output", PackagesDirectory, $"-p:Version={version}", "-nologo").RunAsync(ct);
        });

    Target Ci => _ => _
        .Description("What CI runs: Test and Pack")
        .DependsOn(Test, Pack);
}

enum Configuration { Debug, Release }

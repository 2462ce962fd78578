using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// Finds PowerShell 7 for the build.ps1 tests: $PWSH, then pwsh on PATH, then the repository's
/// .tools/pwsh (where .ci/run installs the PowerShell dotnet tool), then ~/.dotnet/tools/pwsh.
/// </summary>
internal static class Pwsh
{
    public const string HowToInstall =
        "Install PowerShell 7.6 as a dotnet tool: dotnet tool install --tool-path .tools PowerShell --version 7.6.9";

    public static string? Path { get; } = Find();

    /// <summary>The pwsh executable; skips the test locally (fails it in CI) when there is none.</summary>
    public static string Require()
    {
        RequiredService.Require(Path is not null, "PowerShell 7 (pwsh)", HowToInstall);
        return Path!;
    }

    private static string? Find()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("PWSH") };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "pwsh")));
        candidates.Add(System.IO.Path.Combine(RepositoryRoot.Path, ".tools", "pwsh"));
        candidates.Add(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh"));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c));
    }
}

using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>build.ps1 says exactly what build.sh says when no suitable SDK is there, with the same exit code.</summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BuildPs1SdkCheckTests : IDisposable
{
    private readonly TempDirectory _repo = new("ccb-ps1-sdk");

    public BuildPs1SdkCheckTests()
    {
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.ps1"), _repo.Combine("build.ps1"));
        _repo.WriteFile("build/_build.csproj", "<Project />");
    }

    [Fact]
    public async Task UnsatisfiableGlobalJson_NamesRequiredAndInstalledVersions()
    {
        _repo.WriteFile("global.json", """{ "sdk": { "version": "99.0.100", "rollForward": "latestFeature" } }""");
        using var run = await BuildScriptRunner.RunAsync(BuildScriptRunner.PowerShell, _repo.Path, null);
        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("error: no installed .NET SDK satisfies global.json (needs 99.0.100, rollForward latestFeature).", run.Output, StringComparison.Ordinal);
        Assert.Contains("installed: 10.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoDotnetOnPath_SaysWhatToInstall()
    {
        _repo.WriteFile("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        var bin = _repo.Combine("bin-without-dotnet");
        Directory.CreateDirectory(bin);

        // The PowerShell dotnet tool itself starts through dotnet, so PATH loses dotnet only inside pwsh.
        using var run = await ShellRun.RunAsync(_repo.Path, null, Pwsh.Require(), "-NoProfile", "-NonInteractive", "-Command",
            $"$env:PATH = '{bin}'; & ./build.ps1; exit $LASTEXITCODE");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("error: 'dotnet' is not on PATH. Install the .NET SDK 10.0.100 or a later feature band of 10.0 (see global.json).", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();
}

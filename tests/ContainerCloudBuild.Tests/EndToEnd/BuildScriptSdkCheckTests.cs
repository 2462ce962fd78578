using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>build.sh and build.ps1 say exactly what is missing when no suitable SDK is there (before compiling anything), with the same words and exit code.</summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BuildScriptSdkCheckTests : IDisposable
{
    private const string NoDotnetMessage = "error: 'dotnet' is not on PATH. Install the .NET SDK 10.0.100 or a later feature band of 10.0 (see global.json).";

    private readonly TempDirectory _repo = new("ccb-sdk");

    public BuildScriptSdkCheckTests()
    {
        foreach (var script in new[] { BuildScriptRunner.Bash, BuildScriptRunner.PowerShell })
            File.Copy(Path.Combine(RepositoryRoot.Path, script), _repo.Combine(script));
        _repo.WriteFile("build/_build.csproj", "<Project />");
    }

    [Theory]
    [InlineData(BuildScriptRunner.Bash)]
    [InlineData(BuildScriptRunner.PowerShell)]
    public async Task UnsatisfiableGlobalJson_NamesRequiredAndInstalledVersions(string script)
    {
        _repo.WriteFile("global.json", """{ "sdk": { "version": "99.0.100", "rollForward": "latestFeature" } }""");
        using var run = await BuildScriptRunner.RunAsync(script, _repo.Path, null);
        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("error: no installed .NET SDK satisfies global.json (needs 99.0.100, rollForward latestFeature).", run.Output, StringComparison.Ordinal);
        Assert.Contains("installed: 10.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BashWithoutDotnetOnPath_SaysWhatToInstall()
    {
        var bin = BinWithoutDotnet();
        foreach (var tool in new[] { "sed", "find", "dirname", "cat", "cut", "tr", "mkdir", "touch", "mv", "sort", "xargs", "sha256sum", "rm" })
            File.CreateSymbolicLink(Path.Combine(bin, tool), "/usr/bin/" + tool is var p && File.Exists(p) ? p : "/bin/" + tool);

        using var run = await ShellRun.RunAsync(_repo.Path, new Dictionary<string, string> { ["PATH"] = bin }, "/bin/bash", "./build.sh");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains(NoDotnetMessage, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PowerShellWithoutDotnetOnPath_SaysWhatToInstall()
    {
        var bin = BinWithoutDotnet();

        // The PowerShell dotnet tool itself starts through dotnet, so PATH loses dotnet only inside pwsh.
        using var run = await ShellRun.RunAsync(_repo.Path, null, Pwsh.Require(), "-NoProfile", "-NonInteractive", "-Command",
            $"$env:PATH = '{bin}'; & ./build.ps1; exit $LASTEXITCODE");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains(NoDotnetMessage, run.Output, StringComparison.Ordinal);
    }

    private string BinWithoutDotnet()
    {
        _repo.WriteFile("global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        var bin = _repo.Combine("bin-without-dotnet");
        Directory.CreateDirectory(bin);
        return bin;
    }

    public void Dispose() => _repo.Dispose();
}

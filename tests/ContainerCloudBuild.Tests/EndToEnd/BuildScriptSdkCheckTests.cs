using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>build.sh says exactly what is missing when no suitable SDK is there (before compiling anything).</summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BuildScriptSdkCheckTests : IDisposable
{
    private readonly TempDirectory _repo = new("ccb-sdk");

    public BuildScriptSdkCheckTests()
    {
        File.Copy(Path.Combine(RepositoryRoot.Path, "build.sh"), _repo.Combine("build.sh"));
        _repo.WriteFile("build/_build.csproj", "<Project />");
    }

    [Fact]
    public async Task UnsatisfiableGlobalJson_NamesRequiredAndInstalledVersions()
    {
        _repo.WriteFile("global.json", """{ "sdk": { "version": "99.0.100", "rollForward": "latestFeature" } }""");
        using var run = await ShellRun.RunAsync(_repo.Path, null, "/bin/bash", "./build.sh");
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
        foreach (var tool in new[] { "sed", "find", "dirname", "cat", "cut", "tr", "mkdir", "touch", "mv", "sort", "xargs", "sha256sum", "rm" })
            File.CreateSymbolicLink(Path.Combine(bin, tool), "/usr/bin/" + tool is var p && File.Exists(p) ? p : "/bin/" + tool);

        using var run = await ShellRun.RunAsync(_repo.Path, new Dictionary<string, string> { ["PATH"] = bin }, "/bin/bash", "./build.sh");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("error: 'dotnet' is not on PATH. Install the .NET SDK 10.0.100 or a later feature band of 10.0 (see global.json).", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();
}

using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>
/// The fast path of build.sh and build.ps1 runs the compiled build only when the build project's files
/// (paths and contents) are those it was compiled from: removed and added files count whatever their mtime.
/// </summary>
[Collection(BuildScriptCollection.Name)]
public sealed class BuildScriptFingerprintTests : IDisposable
{
    private readonly TempDirectory _repo = new("ccb-fingerprint");

    public BuildScriptFingerprintTests()
    {
        ThrowAwayBuildRepository.Create(_repo, """
            using ContainerCloudBuild;
            using ContainerCloudBuild.Engine;

            sealed partial class Build : PipelineBuild
            {
                public static Task<int> Main(string[] args) => Run<Build>(args, x => x.Hello);

                Target Hello => _ => _.Executes(() => Console.WriteLine("hello"));
            }
            """, "build.sh", "build.ps1");
        _repo.WriteFile("build/Build.Removed.cs", PartialWithTarget("RemovedLater"));
    }

    [Theory]
    [InlineData(BuildScriptRunner.Bash, BuildScriptRunner.PowerShell)]
    [InlineData(BuildScriptRunner.PowerShell, BuildScriptRunner.Bash)]
    public async Task FastPath_RemovedAndOldMtimeFiles_RecompileAndOtherScriptSharesTheStamp(string script, string other)
    {
        using var first = await BuildScriptRunner.RunAsync(script, _repo.Path, null, "--help");
        Assert.Equal(0, first.Process.ExitCode);
        Assert.Contains("Compiling the build project", first.Output, StringComparison.Ordinal);
        Assert.Contains("RemovedLater", first.Output, StringComparison.Ordinal);

        using var warm = await BuildScriptRunner.RunAsync(other, _repo.Path, null, "--help");
        Assert.Equal(0, warm.Process.ExitCode);
        Assert.DoesNotContain("Compiling the build project", warm.Output, StringComparison.Ordinal);

        File.Delete(_repo.Combine("build", "Build.Removed.cs"));
        using var removed = await BuildScriptRunner.RunAsync(script, _repo.Path, null, "--help");
        Assert.Equal(0, removed.Process.ExitCode);
        Assert.Contains("Compiling the build project", removed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RemovedLater", removed.Output, StringComparison.Ordinal);
        using var gone = await BuildScriptRunner.RunAsync(script, _repo.Path, null, "RemovedLater");
        Assert.Equal(2, gone.Process.ExitCode);
        var schema = _repo.Combine(".nuke", "build.schema.json");
        if (File.Exists(schema))
            Assert.DoesNotContain("RemovedLater", File.ReadAllText(schema), StringComparison.Ordinal);

        var added = _repo.WriteFile("build/Build.Added.cs", PartialWithTarget("AddedWithOldMtime"));
        File.SetLastWriteTimeUtc(added, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using var late = await BuildScriptRunner.RunAsync(script, _repo.Path, null, "AddedWithOldMtime");
        Assert.Equal(0, late.Process.ExitCode);
        Assert.Contains("Compiling the build project", late.Output, StringComparison.Ordinal);
        Assert.Contains("ran AddedWithOldMtime", late.Output, StringComparison.Ordinal);
    }

    private static string PartialWithTarget(string name) => $$"""
        using ContainerCloudBuild;
        using ContainerCloudBuild.Engine;

        sealed partial class Build
        {
            Target {{name}} => _ => _.Executes(() => Console.WriteLine("ran {{name}}"));
        }
        """;

    public void Dispose() => _repo.Dispose();
}

using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Tests.Support;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class UpToDateTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private int _runs;

    private TestGraph Graph(Func<string>? parameter = null) => new TestGraph().Add("Generate", (d, _) => d
        .Inputs("src/**/*.txt", "!src/ignored/**")
        .InputValue("Mode", () => parameter?.Invoke() ?? "fast")
        .Outputs("out/result.txt")
        .Executes(() =>
        {
            _runs++;
            _root.WriteFile("out/result.txt", "generated");
        }));

    private UpToDateCheck Check => new(_root.Path, _root.Combine(".nuke", "temp", "up-to-date"));

    private async Task<TargetOutcome> RunAsync(Func<string>? parameter = null, bool force = false) =>
        (await new ExecutorHarness().RunAsync(Graph(parameter), "Generate", upToDate: Check, force: force))["Generate"].Outcome;

    [Fact]
    public async Task E5_UnchangedInputs_SkipAsUpToDate_ChangedInputsRun()
    {
        _root.WriteFile("src/a.txt", "one");
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync());
        Assert.Equal(TargetOutcome.UpToDate, await RunAsync());

        _root.WriteFile("src/ignored/x.txt", "excluded input does not count");
        Assert.Equal(TargetOutcome.UpToDate, await RunAsync());

        _root.WriteFile("src/a.txt", "two");
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync());
        _root.WriteFile("src/deep/b.txt", "new file");
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync());
        Assert.Equal(3, _runs);
    }

    [Fact]
    public async Task E5_ChangedInputValue_Runs()
    {
        _root.WriteFile("src/a.txt", "one");
        await RunAsync(() => "fast");
        Assert.Equal(TargetOutcome.UpToDate, await RunAsync(() => "fast"));
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync(() => "thorough"));
    }

    [Fact]
    public async Task E5_MissingOutput_Runs()
    {
        _root.WriteFile("src/a.txt", "one");
        await RunAsync();
        File.Delete(_root.Combine("out", "result.txt"));
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync());
    }

    [Fact]
    public async Task E5_Force_RunsAnyway()
    {
        _root.WriteFile("src/a.txt", "one");
        await RunAsync();
        Assert.Equal(TargetOutcome.Succeeded, await RunAsync(force: true));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public void FileGlob_MatchesDoubleStarSingleStarAndExclusions()
    {
        _root.WriteFile("src/a.cs", "");
        _root.WriteFile("src/x/b.cs", "");
        _root.WriteFile("src/x/b.txt", "");
        _root.WriteFile("src/bin/c.cs", "");
        Assert.Equal(["src/a.cs", "src/x/b.cs"], FileGlob.Match(_root.Path, ["src/**/*.cs", "!**/bin/**"]));
        Assert.Equal(["src/a.cs"], FileGlob.Match(_root.Path, ["src/*.cs"]));
        Assert.Equal(["src/x/b.txt"], FileGlob.Match(_root.Path, ["src/?/b.txt"]));
    }

    public void Dispose() => _root.Dispose();
}

using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Output;

public sealed class RunPromiseTests : IDisposable
{
    private readonly RunnerHarness _run = new();

    private string RecordPath => _run.Root.Combine(".nuke", "temp", "last-run.json");

    private RunRecord ReadRecord() => RunRecord.FromJson(File.ReadAllText(RecordPath))!;

    private sealed class PinBuild : IBuildContextReceiver
    {
        private BuildContext? _context;
        public Action<BuildConsole>? Body { get; init; }
        void IBuildContextReceiver.Initialize(BuildContext context) => _context = context;

        [Parameter, Secret] public int Pin { get; init; }
        [Parameter, Secret] public string Token = "";
        [Parameter] public int Count { get; init; }

        Target Show => _ => _.Executes(() =>
        {
            _context!.Console.Info($"count={Count} pin={Pin} version 1.0.0");
            Body?.Invoke(_context.Console);
        });
    }

    [Fact]
    public async Task SecretParameter_UnsetIntWithDefaultZero_MasksNoZeros()
    {
        Assert.Equal(0, await _run.RunAsync(new PinBuild(), "Show"));
        Assert.Equal(0, await _run.RunAsync(new PinBuild(), "Show", "--plan"));

        Assert.DoesNotContain("***", _run.Text, StringComparison.Ordinal);
        Assert.Contains("version 1.0.0", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("***", File.ReadAllText(RecordPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretParameter_GivenInt_IsMasked()
    {
        Assert.Equal(0, await _run.RunAsync(new PinBuild(), "Show", "--pin", "4711"));

        Assert.Contains("pin=***", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", _run.Text, StringComparison.Ordinal);
        Assert.Equal("***", ReadRecord().Parameters["Pin"]);
    }

    [Theory]
    [InlineData("Nope")]
    [InlineData("Show --count x")]
    [InlineData("Show --verbosity loud")]
    public async Task UsageError_WritesARecordWithExitCode2(string args)
    {
        Assert.Equal(0, await _run.RunAsync(new PinBuild(), "Show"));
        Assert.Equal(0, ReadRecord().ExitCode);

        Assert.Equal(2, await _run.RunAsync(new PinBuild(), args.Split(' ')));

        Assert.Equal(2, ReadRecord().ExitCode);
    }

    [Fact]
    public async Task ForcedExit_RecordShowsExitCode130BeforeTheProcessEnds()
    {
        using var graceful = new CancellationTokenSource();
        using var force = new CancellationTokenSource();
        int? exitCodeAtForce = null;
        var build = new SampleBuild
        {
            DeployBody = _ =>
            {
                graceful.Cancel();
                force.Cancel();
                exitCodeAtForce = ReadRecord().ExitCode;
            },
        };
        _run.Root.WriteFile(".nuke/temp/last-run.json", new RunRecord("Old", [], default, default, 0, "local", [], new Dictionary<string, string?>(), []).ToJson());

        await BuildRunner.RunAsync(build, ["Deploy", "--harbor-password", "pw"], new BuildRunSettings { RootDirectory = _run.Root.Path, Output = _run.Output }, graceful.Token, force.Token);

        Assert.Equal(130, exitCodeAtForce);
    }

    [Fact]
    public async Task Errors_GoToTheErrorStream_TargetOutputDoesNot()
    {
        var build = new PinBuild { Body = console => { console.TargetWriter.WriteLine("deploying now"); throw new InvalidOperationException("deploy broke"); } };

        Assert.Equal(1, await _run.RunAsync(build, "Show"));

        Assert.Contains(_run.Output.Lines, l => l.Contains("deploying now", StringComparison.Ordinal));
        Assert.Contains(_run.Output.ErrorLines, l => l.Contains("deploy broke", StringComparison.Ordinal));
        Assert.DoesNotContain(_run.Output.ErrorLines, l => l.Contains("Build failed.", StringComparison.Ordinal));
        Assert.DoesNotContain(_run.Output.ErrorLines, l => l.Contains("deploying now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IntParameter_TooLarge_SaysOutOfRange()
    {
        Assert.Equal(2, await _run.RunAsync(new PinBuild(), "Show", "--count", "99999999999"));

        Assert.Contains("'99999999999' is out of range for a whole number (Int32)", _run.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a whole number", _run.Text, StringComparison.Ordinal);
    }

    private sealed class CycleBuild
    {
        Target Compile => _ => _.Executes(() => { });
        Target Alpha => _ => _.DependsOn(Beta).Executes(() => { });
        Target Beta => _ => _.DependsOn(Alpha).Executes(() => { });
    }

    [Theory]
    [InlineData("--plan")]
    [InlineData("--help")]
    public async Task CycleAmongTargetsNotRequested_IsWarnedAbout(string option)
    {
        Assert.Equal(0, await _run.RunAsync(new CycleBuild(), "Compile", option));

        Assert.Contains(_run.Output.Lines, l => l.StartsWith("warning:", StringComparison.Ordinal) && l.Contains("Alpha -> Beta -> Alpha", StringComparison.Ordinal));
    }

    public void Dispose() => _run.Dispose();
}

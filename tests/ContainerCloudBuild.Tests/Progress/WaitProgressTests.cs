using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Output;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Secrets;
using Spectre.Console;

namespace ContainerCloudBuild.Tests.Progress;

public sealed class WaitProgressTests
{
    private static BuildContext Context(IBuildOutput output, ICiHost host)
    {
        var console = new BuildConsole(output, new SecretMasker());
        return new BuildContext(new AbsolutePath(Path.GetTempPath()), console, console.Masker, TimeProvider.System,
            new Dictionary<string, string?>(), host, new RunEventLog(TimeProvider.System));
    }

    private static TerminalStatusOutput Terminal(StringWriter writer) => new(new TextWriterBuildOutput(writer),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors }));

    /// <summary>Reports every 100 ms of a wait, as the controller's poll does.</summary>
    private static void Wait(IWaitProgress progress, string what, TimeSpan? total, TimeSpan lasts)
    {
        using var report = progress.Begin("hello", what, total);
        for (var elapsed = TimeSpan.Zero; elapsed <= lasts; elapsed += TimeSpan.FromMilliseconds(100))
            report.Report(elapsed);
    }

    [Fact]
    public void PeriodicLines_AnalysisWindow_OneLineEveryIntervalWithTimeLeft()
    {
        var lines = new List<string>();

        Wait(new PeriodicLinesWaitProgress(lines.Add, TimeSpan.FromSeconds(2)), "analysis 'haproxy-canary' of v2", TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8));

        Assert.Equal(
        [
            "hello: waiting for analysis 'haproxy-canary' of v2: 6 s of 8 s left",
            "hello: waiting for analysis 'haproxy-canary' of v2: 4 s of 8 s left",
            "hello: waiting for analysis 'haproxy-canary' of v2: 2 s of 8 s left",
        ], lines);
    }

    [Fact]
    public void PeriodicLines_ManualGateWithoutLimit_SaysHowLongSoFar()
    {
        var lines = new List<string>();

        Wait(new PeriodicLinesWaitProgress(lines.Add, TimeSpan.FromSeconds(5)), "Promote or Abort of v2", null, TimeSpan.FromSeconds(11));

        Assert.Equal(["hello: waiting for Promote or Abort of v2: 5 s so far", "hello: waiting for Promote or Abort of v2: 10 s so far"], lines);
    }

    [Fact]
    public void PeriodicLines_HealthGateOfReplicas_ShowsHowManyAreReady()
    {
        var lines = new List<string>();

        using (var report = new PeriodicLinesWaitProgress(lines.Add, TimeSpan.FromSeconds(1)).Begin("hello", "health gate of v2 (GET /healthz)", TimeSpan.FromSeconds(30)))
        {
            report.Report(TimeSpan.FromSeconds(1), "1/2 replicas ready");
            report.Report(TimeSpan.FromSeconds(2), "2/2 replicas ready");
        }

        Assert.Equal(
        [
            "hello: waiting for health gate of v2 (GET /healthz), 1/2 replicas ready: 29 s of 30 s left",
            "hello: waiting for health gate of v2 (GET /healthz), 2/2 replicas ready: 28 s of 30 s left",
        ], lines);
    }

    [Fact]
    public void PeriodicLines_WaitShorterThanInterval_PrintsNothing()
    {
        var lines = new List<string>();

        Wait(new PeriodicLinesWaitProgress(lines.Add, TimeSpan.FromSeconds(5)), "the pause of canary v2 at 20%", TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4));

        Assert.Empty(lines);
    }

    [Fact]
    public void WaitProgressFor_LocalTerminal_UsesTheLiveLine()
    {
        using var writer = new StringWriter();

        Assert.IsType<StatusLineWaitProgress>(WaitProgressFor.Build(Context(Terminal(writer), new LocalHost())));
    }

    [Fact]
    public void WaitProgressFor_CiHostOrRedirectedOutput_UsesPlainLines()
    {
        using var writer = new StringWriter();

        Assert.IsType<PeriodicLinesWaitProgress>(WaitProgressFor.Build(Context(Terminal(writer), new GitHubActionsHost())));
        Assert.IsType<PeriodicLinesWaitProgress>(WaitProgressFor.Build(Context(new MemoryBuildOutput(), new LocalHost())));
    }

    [Fact]
    public void StatusLine_LineWrittenDuringAWait_ClearsTheStatusWritesTheLineAndRedrawsIt()
    {
        using var writer = new StringWriter();
        var context = Context(Terminal(writer), new LocalHost());
        var progress = WaitProgressFor.Build(context);

        using (var report = progress.Begin("hello", "health gate of v2 (GET /healthz)", TimeSpan.FromSeconds(15)))
        {
            report.Report(TimeSpan.FromSeconds(3));
            context.Console.Info("Started container hello-v2");
        }

        const string clear = "\r\u001b[2K";
        var text = writer.ToString();
        var status = "hello: waiting for health gate of v2 (GET /healthz): 12 s of 15 s left";
        var line = text.IndexOf("Started container hello-v2", StringComparison.Ordinal);
        Assert.True(text.LastIndexOf(clear, line, StringComparison.Ordinal) > text.IndexOf(status, StringComparison.Ordinal), text);
        Assert.Contains(status, text[line..], StringComparison.Ordinal);
        Assert.EndsWith(clear, text, StringComparison.Ordinal);
    }
}

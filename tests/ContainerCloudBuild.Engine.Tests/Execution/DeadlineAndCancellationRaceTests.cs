using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class DeadlineAndCancellationRaceTests
{
    [Fact]
    public async Task Timeout_BodyIgnoresItsToken_FailsAtTheDeadlineAndCleanupRuns()
    {
        using var release = new ManualResetEventSlim();
        var graph = new TestGraph()
            .Add("Stubborn", (d, _) => d.Timeout(TimeSpan.FromMilliseconds(200)).Executes(() => release.Wait(TimeSpan.FromSeconds(20))))
            .Add("Cleanup", (d, g) => d.After(g["Stubborn"]).AssuredAfterFailure().Executes(() => { }));

        var results = await new ExecutorHarness().RunAsync(graph, "Stubborn Cleanup");
        var stillBlocked = !release.IsSet;
        release.Set();

        Assert.True(stillBlocked, "the run waited for the body instead of ending it at the deadline");
        Assert.Equal(TargetOutcome.Failed, results["Stubborn"].Outcome);
        Assert.Equal("timed out after 200 ms", results["Stubborn"].Message);
        Assert.Equal(TargetOutcome.Succeeded, results["Cleanup"].Outcome);
    }

    [Fact]
    public async Task Cancellation_BodyFailsAfterTheBuildWasCancelled_ReportsCancelled()
    {
        using var cts = new CancellationTokenSource();
        var graph = new TestGraph().Add("Tool", (d, _) => d.Executes(() =>
        {
            cts.Cancel();
            throw new InvalidOperationException("'sleep 100' exited with code 130");
        }));

        var results = await new ExecutorHarness().RunAsync(graph, "Tool", tokens: new(cts.Token));

        Assert.Equal(TargetOutcome.Cancelled, results["Tool"].Outcome);
    }

    [Fact]
    public async Task Cancellation_RetryTargetFailsAfterTheBuildWasCancelled_DoesNotRetry()
    {
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var graph = new TestGraph().Add("Flaky", (d, _) => d.Retry(3, TimeSpan.FromMilliseconds(1)).Executes(() =>
        {
            calls++;
            cts.Cancel();
            throw new IOException("interrupted");
        }));
        var harness = new ExecutorHarness();

        var results = await harness.RunAsync(graph, "Flaky", tokens: new(cts.Token));

        Assert.Equal(TargetOutcome.Cancelled, results["Flaky"].Outcome);
        Assert.Equal(1, calls);
        Assert.DoesNotContain(harness.Output.Lines, l => l.Contains("Retrying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TriggeredCleanup_ReadmeShape_RunsAfterAFailingPushThatWasTheOnlyRequest()
    {
        var ran = new List<string>();
        var graph = new TestGraph()
            .Add("Push", (d, _) => d.Executes(() => { ran.Add("Push"); throw new IOException("registry unreachable"); }))
            .Add("Cleanup", (d, g) => d.TriggeredBy(g["Push"]).AssuredAfterFailure().Executes(() => ran.Add("Cleanup")));

        var results = await new ExecutorHarness().RunAsync(graph, "Push");

        Assert.Equal("Push=Failed Cleanup=Succeeded", ExecutorHarness.Outcomes(results));
        Assert.Equal(["Push", "Cleanup"], ran);
    }

    [Fact]
    public async Task UpToDate_IsReportedOnce()
    {
        using var root = new ContainerCloudBuild.Testing.TempDirectory();
        root.WriteFile("in.txt", "x");
        var check = new UpToDateCheck(root.Path, root.Combine(".nuke", "temp", "up-to-date"));
        var graph = new TestGraph().Add("Gen", (d, _) => d.Inputs("in.txt").Executes(() => { }));
        await new ExecutorHarness().RunAsync(graph, "Gen", upToDate: check);
        var second = new ExecutorHarness();

        var results = await second.RunAsync(graph, "Gen", upToDate: check);

        Assert.Equal(TargetOutcome.UpToDate, results["Gen"].Outcome);
        Assert.Single(second.Output.Lines, l => l.Contains(results["Gen"].Message!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failure_ForeignException_ShowsWhereItCameFromAtNormalVerbosity()
    {
        var graph = new TestGraph().Add("Parse", (d, _) => d.Executes(() => ThrowingHelper.ParseTheConfiguration()));
        var harness = new ExecutorHarness();

        await harness.RunAsync(graph, "Parse");

        Assert.Contains(harness.Output.Lines, l => l.Contains("at ", StringComparison.Ordinal) && l.Contains(nameof(ThrowingHelper.ParseTheConfiguration), StringComparison.Ordinal));
    }

    private static class ThrowingHelper
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static void ParseTheConfiguration() => throw new FormatException("unexpected token");
    }
}

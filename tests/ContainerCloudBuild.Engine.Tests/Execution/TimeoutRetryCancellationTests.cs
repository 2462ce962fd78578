using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class TimeoutRetryCancellationTests
{
    [Fact]
    public async Task E7_Timeout_CancelsTheBodyAndFailsTheTarget()
    {
        var sawCancellation = false;
        var graph = new TestGraph().Add("Slow", (d, _) => d.Timeout(TimeSpan.FromMilliseconds(100)).Executes(async ct =>
        {
            try { await Task.Delay(TimeSpan.FromSeconds(30), ct); }
            catch (OperationCanceledException) { sawCancellation = true; throw; }
        }));

        var results = await new ExecutorHarness().RunAsync(graph, "Slow");

        Assert.Equal(TargetOutcome.Failed, results["Slow"].Outcome);
        Assert.Equal("timed out after 100 ms", results["Slow"].Message);
        Assert.True(sawCancellation);
    }

    [Fact]
    public async Task E7_Retry_RunsTheBodyAgainUntilItSucceeds()
    {
        var calls = 0;
        var graph = new TestGraph().Add("Flaky", (d, _) => d.Retry(3, TimeSpan.FromMilliseconds(1)).Executes(() =>
        {
            if (++calls < 3) throw new IOException($"transient {calls}");
        }));
        var harness = new ExecutorHarness();

        var results = await harness.RunAsync(graph, "Flaky");

        Assert.Equal(TargetOutcome.Succeeded, results["Flaky"].Outcome);
        Assert.Equal(3, results["Flaky"].Attempts);
        Assert.Contains(harness.Output.Lines, l => l.Contains("Flaky failed (attempt 1 of 3): transient 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task E7_RetryExhausted_FailsWithLastError()
    {
        var calls = 0;
        var graph = new TestGraph().Add("Broken", (d, _) => d.Retry(2, TimeSpan.Zero + TimeSpan.FromMilliseconds(1)).Executes(() => throw new IOException($"attempt {++calls}")));
        var results = await new ExecutorHarness().RunAsync(graph, "Broken");
        Assert.Equal(TargetOutcome.Failed, results["Broken"].Outcome);
        Assert.Equal("attempt 2", results["Broken"].Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task E6_Cancellation_CancelsRunningTarget_SkipsTheRest_RunsCleanup()
    {
        using var cts = new CancellationTokenSource();
        var cleanupTokenWasLive = false;
        var graph = new TestGraph()
            .Add("Long", (d, _) => d.Executes(async ct => { await cts.CancelAsync(); await Task.Delay(TimeSpan.FromSeconds(30), ct); }))
            .Add("Next", (d, g) => d.DependsOn(g["Long"]).Executes(() => { }))
            .Add("Independent", (d, g) => d.After(g["Long"]).Executes(() => { }))
            .Add("Cleanup", (d, g) => d.DependsOn(g["Next"]).AssuredAfterFailure().Executes(ct => cleanupTokenWasLive = !ct.IsCancellationRequested));

        var results = await new ExecutorHarness().RunAsync(graph, "Cleanup Independent", tokens: new(cts.Token));

        Assert.Equal("Long=Cancelled Next=NotRun Independent=NotRun Cleanup=Succeeded", ExecutorHarness.Outcomes(results));
        Assert.True(cleanupTokenWasLive);
    }

    [Fact]
    public async Task E6_ForcedCancellation_ReachesCleanupTargets()
    {
        using var graceful = new CancellationTokenSource();
        using var force = new CancellationTokenSource();
        var graph = new TestGraph()
            .Add("Work", (d, _) => d.Executes(() => graceful.Cancel()))
            .Add("Cleanup", (d, g) => d.After(g["Work"]).AssuredAfterFailure().Executes(async ct => { await force.CancelAsync(); await Task.Delay(TimeSpan.FromSeconds(30), ct); }));

        var results = await new ExecutorHarness().RunAsync(graph, "Work Cleanup", tokens: new(graceful.Token, force.Token));

        Assert.Equal(TargetOutcome.Cancelled, results["Cleanup"].Outcome);
    }
}

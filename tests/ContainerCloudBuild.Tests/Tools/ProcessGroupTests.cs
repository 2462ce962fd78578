using System.Diagnostics;
using ContainerCloudBuild.Tools;

namespace ContainerCloudBuild.Tests.Tools;

public sealed class ProcessGroupTests
{
    [Fact]
    public async Task Cancellation_ShellWithBackgroundChildren_LeavesNoProcessAndReturnsBeforeTheGracePeriod()
    {
        var marker = "ccb-tree-" + Guid.NewGuid().ToString("N");
        using var cts = new CancellationTokenSource();
        var command = new ToolCommand("sh")
            .WithArguments("-c", "sleep 101 & sleep 102 & echo started; wait")
            .WithEnvironment("CCB_TEST_MARKER", marker)
            .WithOutput(TextWriter.Null) with { GracePeriod = TimeSpan.FromSeconds(30) };
        var running = command.RunAsync(cts.Token);
        await MarkedProcesses.WaitForAsync(marker, 3, TimeSpan.FromSeconds(10));
        var stopwatch = Stopwatch.StartNew();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"cancellation took {stopwatch.Elapsed} (grace period 30 s): something held it");
        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Cancellation_ChildrenIgnoreSigterm_AreKilledAfterTheGracePeriod()
    {
        var marker = "ccb-tree-" + Guid.NewGuid().ToString("N");
        using var cts = new CancellationTokenSource();
        var command = new ToolCommand("sh")
            .WithArguments("-c", "trap '' TERM; sh -c \"trap '' TERM; sleep 103\" & sleep 104 & wait")
            .WithEnvironment("CCB_TEST_MARKER", marker)
            .WithOutput(TextWriter.Null) with { GracePeriod = TimeSpan.FromMilliseconds(300) };
        var running = command.RunAsync(cts.Token);
        await MarkedProcesses.WaitForAsync(marker, 3, 4, TimeSpan.FromSeconds(10));

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Run_BackgroundChildOutlivesTheShell_NormalRunStillStreamsAndReturnsTheExitCode()
    {
        var output = new StringWriter();
        var result = await new ToolCommand("sh").WithArguments("-c", "echo first; (sleep 0.3; echo late) & exit 0").WithOutput(output)
            .RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("first", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("late", output.ToString(), StringComparison.Ordinal);
    }
}

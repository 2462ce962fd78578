using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Tests.Tools;

namespace ContainerCloudBuild.Tests.EndToEnd;

[Collection(BuildScriptCollection.Name)]
public sealed class BuildScriptTests(SampleRepositoryFixture sample) : IClassFixture<SampleRepositoryFixture>
{
    private Task<ShellRun> BuildAsync(params string[] args) =>
        ShellRun.RunAsync(sample.Root, null, "/bin/bash", ["./build.sh", .. args]);

    [Fact]
    public async Task DefaultTarget_RunsWithFileParameter_AndWarmStartSkipsCompilation()
    {
        Assert.Contains("Compiling the build project", sample.FirstRunOutput, StringComparison.Ordinal);

        using var run = await BuildAsync();

        Assert.Equal(0, run.Process.ExitCode);
        Assert.Contains("hello from file; token=", run.Output, StringComparison.Ordinal);
        Assert.Contains("Build succeeded.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Compiling the build project", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingTarget_ExitCode1_SecretFromEnvironmentMasked()
    {
        using var run = await ShellRun.RunAsync(sample.Root, new Dictionary<string, string> { ["TOKEN"] = "tok-9f8e7d" }, "/bin/bash", "./build.sh", "Fail");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("could not log in with ***", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-9f8e7d", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Fail\s+Failed", run.Output);
    }

    [Fact]
    public async Task FailingTool_ExitCode1_ToolOutputMaskedAndQuotedInError()
    {
        using var run = await BuildAsync("Tool", "--token", "tok-5a5a5a");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("tool says ***", run.Output, StringComparison.Ordinal);
        Assert.Contains("exited with code 3", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-5a5a5a", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTarget_ExitCode2_WithSuggestion()
    {
        using var run = await BuildAsync("Helo");
        Assert.Equal(2, run.Process.ExitCode);
        Assert.Contains("Unknown target 'Helo'. Did you mean 'Hello'?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadParameterValue_ExitCode2()
    {
        using var run = await BuildAsync("Hello", "--greting", "x");
        Assert.Equal(2, run.Process.ExitCode);
        Assert.Contains("Unknown option '--greting'. Did you mean '--greeting'?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigint_CancelsGracefully_KillsChildProcess_RunsCleanup_Exit130()
    {
        var marker = "ccb-e2e-" + Guid.NewGuid().ToString("N");
        using var run = ShellRun.Start(sample.Root, null, "/bin/bash", "./build.sh", "Wait", "Cleanup", "--marker", marker);
        await run.WaitForOutputAsync("waiting", TimeSpan.FromMinutes(2));
        await WaitUntilAsync(() => ChildAlive(marker), TimeSpan.FromSeconds(10));

        using (var kill = Process.Start("kill", ["-INT", run.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, run.Process.ExitCode);
        Assert.Contains("SIGINT received: cancelling the build", run.Output, StringComparison.Ordinal);
        Assert.Contains("cleanup ran", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Wait\s+Cancelled", run.Output);
        Assert.Contains("Build cancelled.", run.Output, StringComparison.Ordinal);
        await WaitUntilAsync(() => !ChildAlive(marker), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task CtrlCToTheProcessGroup_CancelsTheRetryTarget_NoRetry_NoProcessLeft()
    {
        var marker = "ccb-e2e-" + Guid.NewGuid().ToString("N");
        // A terminal sends SIGINT to its whole foreground process group: start the build as a group leader and do the same.
        using var run = ShellRun.Start(sample.Root, null, "setsid", "/bin/bash", "./build.sh", "Trees", "--marker", marker);
        await run.WaitForOutputAsync("tree started", TimeSpan.FromMinutes(2));
        await MarkedProcesses.WaitForAsync(marker, 3, TimeSpan.FromSeconds(10));

        await SignalAsync("-INT", "-" + run.Process.Id.ToString(CultureInfo.InvariantCulture));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, run.Process.ExitCode);
        Assert.Matches(@"Trees\s+Cancelled", run.Output);
        Assert.DoesNotContain("Retrying", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("exited with code", run.Output, StringComparison.Ordinal);
        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Sigterm_StopsEveryProcessTheToolStarted()
    {
        var marker = "ccb-e2e-" + Guid.NewGuid().ToString("N");
        using var run = ShellRun.Start(sample.Root, null, "/bin/bash", "./build.sh", "Trees", "--marker", marker);
        await run.WaitForOutputAsync("tree started", TimeSpan.FromMinutes(2));
        await MarkedProcesses.WaitForAsync(marker, 3, TimeSpan.FromSeconds(10));

        await SignalAsync("-TERM", run.Process.Id.ToString(CultureInfo.InvariantCulture));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, run.Process.ExitCode);
        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ForcedExit_SecondSignal_KillsToolsThatIgnoreSigterm_AndWritesTheRecord()
    {
        var marker = "ccb-e2e-" + Guid.NewGuid().ToString("N");
        using var run = ShellRun.Start(sample.Root, null, "/bin/bash", "./build.sh", "Stubborn", "--marker", marker);
        await run.WaitForOutputAsync("stubborn started", TimeSpan.FromMinutes(2));
        await MarkedProcesses.WaitForAsync(marker, 2, TimeSpan.FromSeconds(10));
        var pid = run.Process.Id.ToString(CultureInfo.InvariantCulture);

        await SignalAsync("-INT", pid);
        await run.WaitForOutputAsync("SIGINT received: cancelling", TimeSpan.FromSeconds(10));
        await SignalAsync("-INT", pid);
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(130, run.Process.ExitCode);
        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
        var record = RunRecord.FromJson(File.ReadAllText(Path.Combine(sample.Root, ".nuke", "temp", "last-run.json")))!;
        Assert.Equal((130, "Stubborn"), (record.ExitCode, record.RequestedTargets.Single()));
    }

    [Fact]
    public async Task Timeout_StopsEveryProcessTheToolStarted_WithoutWaitingForTheGracePeriod()
    {
        var marker = "ccb-e2e-" + Guid.NewGuid().ToString("N");
        using var run = await ShellRun.RunAsync(sample.Root, null, "/bin/bash", "./build.sh", "TreeTimeout", "--marker", marker);

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("TreeTimeout timed out after 1 s", run.Output, StringComparison.Ordinal);
        await MarkedProcesses.WaitForAsync(marker, 0, TimeSpan.FromSeconds(5));
        var record = RunRecord.FromJson(File.ReadAllText(Path.Combine(sample.Root, ".nuke", "temp", "last-run.json")))!;
        var target = Assert.Single(record.Targets, t => t.Name == "TreeTimeout");
        Assert.True(target.DurationMs < 4000, $"the 1 s timeout took {target.DurationMs} ms: the tool's 5 s grace period was waited out");
    }

    [Fact]
    public async Task ToolWritingBothStreamsAtOnce_BuildDoesNotDeadlock_AndKeepsEveryLine()
    {
        using var run = await BuildAsync("Chatty");

        Assert.Equal(0, run.Process.ExitCode);
        Assert.Contains("out-2999", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("err-2999", run.StandardError, StringComparison.Ordinal);
        Assert.Equal(3000, run.StandardError.Split('\n').Count(l => l.Contains("err-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TargetThreadsWritingBothStreamsAtOnce_BuildDoesNotDeadlock_AndKeepsEveryLineInOrder()
    {
        using var run = await BuildAsync("Threads");

        Assert.Equal(0, run.Process.ExitCode);
        var outLines = run.StandardOutput.Split('\n').Where(l => l.StartsWith("thread-out-", StringComparison.Ordinal)).ToList();
        var errLines = run.StandardError.Split('\n').Where(l => l.StartsWith("thread-err-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"thread-out-{i}"), outLines);
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"thread-err-{i}"), errLines);
    }

    [Fact]
    public async Task Errors_AndToolStderr_GoToStderr_TargetOutputStaysOnStdout()
    {
        using var run = await BuildAsync("Streams");

        Assert.Equal(1, run.Process.ExitCode);
        Assert.Contains("target says hi", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("tool-out", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Build failed.", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("tool-err", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("exited with code 5", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("tool-err", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("target says hi", run.StandardError, StringComparison.Ordinal);
    }

    private static async Task SignalAsync(string signal, string target)
    {
        using var kill = Process.Start("kill", [signal, "--", target]);
        await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    private static bool ChildAlive(string marker) =>
        Process.GetProcesses().Any(p =>
        {
            try { return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(marker, StringComparison.Ordinal) && p.ProcessName == "sh"; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(100);
        }
    }
}

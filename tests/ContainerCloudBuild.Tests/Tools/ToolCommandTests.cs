using ContainerCloudBuild.Tools;

namespace ContainerCloudBuild.Tests.Tools;

public sealed class ToolCommandTests
{
    [Fact]
    public async Task Run_StreamsOutputLines_AndReturnsExitCode()
    {
        var output = new StringWriter();
        var result = await new ToolCommand("sh").WithArguments("-c", "echo one; echo two >&2").WithOutput(output)
            .RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("one", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("two", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["one", "two"], result.LastLines.Order());
    }

    [Fact]
    public async Task NonZeroExit_ThrowsWithExitCodeAndLastLines()
    {
        var ex = await Assert.ThrowsAsync<ToolFailedException>(() =>
            new ToolCommand("sh").WithArguments("-c", "echo reason for failure; exit 4").WithOutput(TextWriter.Null)
                .RunAsync(TestContext.Current.CancellationToken));
        Assert.Equal(4, ex.ExitCode);
        Assert.Contains("exited with code 4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reason for failure", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProgram_SaysItIsNotInstalled()
    {
        var ex = await Assert.ThrowsAsync<ToolFailedException>(() =>
            new ToolCommand("no-such-tool-xyz").WithOutput(TextWriter.Null).RunAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Is it installed and on PATH?", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_StopsTheWholeProcessTree()
    {
        using var dir = new ContainerCloudBuild.Testing.TempDirectory();
        var pidFile = dir.Combine("grandchild.pid");
        using var cts = new CancellationTokenSource();
        // The child ignores SIGTERM, so only the forced kill of the tree can end it and its grandchild.
        var command = new ToolCommand("sh")
            .WithArguments("-c", $"trap '' TERM; sleep 300 & echo $! > {pidFile}; wait")
            .WithOutput(TextWriter.Null) with { GracePeriod = TimeSpan.FromMilliseconds(300) };
        var running = command.RunAsync(cts.Token);
        while (!File.Exists(pidFile) || new FileInfo(pidFile).Length == 0) await Task.Delay(20, TestContext.Current.CancellationToken);
        var grandchild = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);

        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists($"/proc/{grandchild}") && !File.ReadAllText($"/proc/{grandchild}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the grandchild process survived cancellation");
    }
}

using System.Diagnostics;

namespace ContainerCloudBuild.Testing;

/// <summary>How a command-line tool ended: its exit code and what it wrote to stdout and stderr.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a command-line tool (arguments as a list, never through a shell) to completion with stdout and stderr captured.
/// When the timeout passes or the token is cancelled, the tool's whole process tree is killed and the cancellation is rethrown.
/// </summary>
public static class ToolProcess
{
    /// <summary>What a tool that answers at once (kubectl, chromium, docker) may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static Task<ToolResult> RunAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(StartInfo(file, arguments), DefaultTimeout, cancellationToken);

    /// <summary>The first <paramref name="name"/> in a folder of PATH, or null when none has it.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    /// <summary>A start for <paramref name="file"/> with <paramref name="arguments"/>, to add environment or a working directory to.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return start;
    }

    /// <param name="timeout"><see cref="Timeout.InfiniteTimeSpan"/> waits as long as <paramref name="cancellationToken"/> allows.</param>
    public static async Task<ToolResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new ToolResult(process.ExitCode, await output, await error);
    }
}

using System.Diagnostics;

namespace ContainerCloudBuild.Tools;

/// <summary>
/// An immutable description of an external command (CliWrap style: <c>With*</c> returns a copy).
/// Standard output lines go to <see cref="Output"/> (by default the console, which the engine
/// masks and attributes to the running target), standard error lines to <see cref="ErrorOutput"/>
/// (by default <see cref="Output"/> when that is set, else the console's error stream). On Unix the
/// tool runs in its own process group: cancellation sends SIGTERM to the whole group, then SIGKILL
/// after <see cref="GracePeriod"/>, so processes it started in the background are stopped too.
/// </summary>
public sealed record ToolCommand(string FileName)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);
    public TextWriter? Output { get; init; }
    public TextWriter? ErrorOutput { get; init; }

    public ToolCommand WithArguments(params string[] arguments) => this with { Arguments = arguments };
    public ToolCommand AddArguments(params string[] arguments) => this with { Arguments = [.. Arguments, .. arguments] };
    public ToolCommand WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };
    public ToolCommand WithEnvironment(string name, string? value) =>
        this with { Environment = new Dictionary<string, string?>(Environment) { [name] = value } };
    public ToolCommand WithOutput(TextWriter output) => this with { Output = output };
    public ToolCommand WithErrorOutput(TextWriter errorOutput) => this with { ErrorOutput = errorOutput };

    public override string ToString() => $"{FileName} {string.Join(' ', Arguments.Select(Quote))}".TrimEnd();

    /// <summary>Runs the command; a non-zero exit code throws <see cref="ToolFailedException"/> with the last output lines.</summary>
    public async Task<ToolResult> RunAsync(CancellationToken cancellationToken)
    {
        var output = Output ?? Console.Out;
        var errorOutput = ErrorOutput ?? Output ?? Console.Error;
        var tail = new OutputTail(40);
        var workingDirectory = WorkingDirectory ?? System.Environment.CurrentDirectory;
        var path = Environment.TryGetValue("PATH", out var p) ? p : System.Environment.GetEnvironmentVariable("PATH");
        var executable = ExecutableLocator.Find(FileName, path, workingDirectory)
            ?? throw NotStarted("not found");
        var setsid = ProcessGroup.FindSetsid(System.Environment.GetEnvironmentVariable("PATH"));
        var info = ProcessGroup.StartInfo(executable, Arguments, setsid);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.WorkingDirectory = workingDirectory;
        foreach (var (k, v) in Environment) info.Environment[k] = v;

        output.WriteLine($"> {this}");
        using var process = new Process { StartInfo = info };
        void OnLine(TextWriter writer, string? line)
        {
            if (line is null) return;
            tail.Add(line);
            writer.WriteLine(line);
        }

        process.OutputDataReceived += (_, e) => OnLine(output, e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(errorOutput, e.Data);
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw NotStarted(ex.Message);
        }

        using var exitGuard = setsid is null ? null : ProcessGroup.KillOnProcessExit(process.Id);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Returns once the group is gone; background processes that still hold the output pipes do not delay it.
            await ProcessGroup.StopAsync(process, grouped: setsid is not null, GracePeriod).ConfigureAwait(false);
            throw;
        }

        var result = new ToolResult(process.ExitCode, Stopwatch.GetElapsedTime(started), tail.Lines);
        if (result.ExitCode != 0)
            throw new ToolFailedException(FileName, result.ExitCode, $"'{this}' exited with code {result.ExitCode}", tail.Lines);
        return result;
    }

    private ToolFailedException NotStarted(string reason) =>
        new(FileName, -1, $"could not start '{FileName}': {reason}. Is it installed and on PATH?", []);

    private static string Quote(string a) => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a;
}

/// <summary>The result of a successful tool run.</summary>
public sealed record ToolResult(int ExitCode, TimeSpan Duration, IReadOnlyList<string> LastLines);

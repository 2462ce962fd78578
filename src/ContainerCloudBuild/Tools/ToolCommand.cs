using System.Diagnostics;

namespace ContainerCloudBuild.Tools;

/// <summary>
/// An immutable description of an external command (CliWrap style: <c>With*</c> returns a copy).
/// Output lines go to <see cref="Output"/> (by default the console, which the engine masks and
/// attributes to the running target). Cancellation sends SIGTERM, then kills the whole process
/// tree after <see cref="GracePeriod"/>.
/// </summary>
public sealed record ToolCommand(string FileName)
{
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(5);
    public TextWriter? Output { get; init; }

    public ToolCommand WithArguments(params string[] arguments) => this with { Arguments = arguments };
    public ToolCommand AddArguments(params string[] arguments) => this with { Arguments = [.. Arguments, .. arguments] };
    public ToolCommand WithWorkingDirectory(string directory) => this with { WorkingDirectory = directory };
    public ToolCommand WithEnvironment(string name, string? value) =>
        this with { Environment = new Dictionary<string, string?>(Environment) { [name] = value } };
    public ToolCommand WithOutput(TextWriter output) => this with { Output = output };

    public override string ToString() => $"{FileName} {string.Join(' ', Arguments.Select(Quote))}".TrimEnd();

    /// <summary>Runs the command; a non-zero exit code throws <see cref="ToolFailedException"/> with the last output lines.</summary>
    public async Task<ToolResult> RunAsync(CancellationToken cancellationToken)
    {
        var output = Output ?? Console.Out;
        var tail = new OutputTail(40);
        var info = new ProcessStartInfo(FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var a in Arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in Environment) info.Environment[k] = v;

        output.WriteLine($"> {this}");
        using var process = new Process { StartInfo = info };
        void OnLine(string? line)
        {
            if (line is null) return;
            tail.Add(line);
            output.WriteLine(line);
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        var started = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ToolFailedException(FileName, -1, $"could not start '{FileName}': {ex.Message}. Is it installed and on PATH?", []);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await ProcessTree.StopAsync(process, GracePeriod).ConfigureAwait(false);
            throw;
        }

        var result = new ToolResult(process.ExitCode, Stopwatch.GetElapsedTime(started), tail.Lines);
        if (result.ExitCode != 0)
            throw new ToolFailedException(FileName, result.ExitCode, $"'{this}' exited with code {result.ExitCode}", tail.Lines);
        return result;
    }

    private static string Quote(string a) => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a;
}

/// <summary>The result of a successful tool run.</summary>
public sealed record ToolResult(int ExitCode, TimeSpan Duration, IReadOnlyList<string> LastLines);

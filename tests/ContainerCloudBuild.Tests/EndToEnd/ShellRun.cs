using System.Diagnostics;
using System.Text;

namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>A finished (or running) child process with its combined output.</summary>
internal sealed class ShellRun : IDisposable
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private readonly Lock _gate = new();

    private ShellRun(Process process) => Process = process;

    public Process Process { get; }

    public string Output
    {
        get { lock (_gate) return _output.ToString(); }
    }

    /// <summary>What the process wrote to stdout only.</summary>
    public string StandardOutput
    {
        get { lock (_gate) return _standardOutput.ToString(); }
    }

    /// <summary>What the process wrote to stderr only.</summary>
    public string StandardError
    {
        get { lock (_gate) return _standardError.ToString(); }
    }

    public static ShellRun Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("CI");
        info.Environment.Remove("GITHUB_ACTIONS");
        info.Environment.Remove("GITLAB_CI");
        info.Environment.Remove("JENKINS_URL");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var run = new ShellRun(new Process { StartInfo = info });
        run.Process.OutputDataReceived += (_, e) => run.Append(e.Data, run._standardOutput);
        run.Process.ErrorDataReceived += (_, e) => run.Append(e.Data, run._standardError);
        run.Process.Start();
        run.Process.BeginOutputReadLine();
        run.Process.BeginErrorReadLine();
        return run;
    }

    public static Task<ShellRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, params string[] args) =>
        RunAsync(TimeSpan.FromMinutes(3), workingDirectory, environment, fileName, args);

    /// <summary>The first run of a throw-away build compiles it and this repository's projects: minutes on a busy 2-core machine.</summary>
    public static Task<ShellRun> CompileAndRunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, params string[] args) =>
        RunAsync(TimeSpan.FromMinutes(10), workingDirectory, environment, fileName, args);

    private static async Task<ShellRun> RunAsync(TimeSpan timeout, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, string[] args)
    {
        var run = Start(workingDirectory, environment, fileName, args);
        await run.WaitAsync(timeout);
        return run;
    }

    public async Task WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            var exited = Process.HasExited ? $"exited with {Process.ExitCode}, but its output is still held open by a process it started" : "still running";
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Process.StartInfo.FileName} {string.Join(' ', Process.StartInfo.ArgumentList)}' did not finish within {timeout} ({exited}). Output so far:\n{Output}");
        }
        Process.WaitForExit(); // drains the output events
    }

    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || Process.HasExited)
                throw new TimeoutException($"'{text}' did not appear. Output so far:\n{Output}");
            await Task.Delay(50);
        }
    }

    private void Append(string? line, StringBuilder stream)
    {
        if (line is null) return;
        lock (_gate)
        {
            _output.AppendLine(line);
            stream.AppendLine(line);
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}

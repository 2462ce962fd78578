using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// A background server identified by a pid file: started once, found again by later processes
/// (pid alive and its port answering), stopped by pid.
/// </summary>
public static class DaemonProcess
{
    /// <summary>True when the pid file names a live process and 127.0.0.1:<paramref name="port"/> accepts connections.</summary>
    public static async Task<bool> IsRunningAsync(string pidFile, int port, CancellationToken cancellationToken) =>
        ReadPid(pidFile) is { } pid && IsAlive(pid) && await PortAnswersAsync(port, cancellationToken).ConfigureAwait(false);

    public static int? ReadPid(string pidFile) =>
        File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static async Task<bool> PortAnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> detached (its output to <paramref name="logFile"/>), writes its pid, and waits
    /// until the port answers; a process that exits or never answers throws with its log tail.
    /// </summary>
    public static async Task<int> StartAsync(
        string fileName, IReadOnlyList<string> arguments, string pidFile, string logFile, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        // setsid + nohup: the server outlives this process; exec keeps the pid we record. Descriptors 3-9 the build
        // inherited (e.g. the lock of `flock x.lock ./build.sh Demo`) are closed, so the server does not hold them for days.
        startInfo.ArgumentList.Add("exec setsid \"$0\" \"$@\" >>\"$CCB_LOG\" 2>&1 </dev/null 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-");
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["CCB_LOG"] = logFile;
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp(); // monotonic: a clock change cannot stretch or cut the wait
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"'{fileName}' exited with code {process.ExitCode} at start. Log {logFile}:{Environment.NewLine}{Tail(logFile)}");
            if (await PortAnswersAsync(port, cancellationToken).ConfigureAwait(false))
                return process.Id;
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        Stop(pidFile);
        throw new InvalidOperationException($"'{fileName}' did not listen on 127.0.0.1:{port} within {timeout.TotalSeconds:0}s. Log {logFile}:{Environment.NewLine}{Tail(logFile)}");
    }

    /// <summary>Kills the process named by the pid file (and waits for it); removes the pid file.</summary>
    public static void Stop(string pidFile)
    {
        if (ReadPid(pidFile) is { } pid && IsAlive(pid))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        if (File.Exists(pidFile))
            File.Delete(pidFile);
    }

    public static string Tail(string logFile, int lines = 20) =>
        File.Exists(logFile) ? string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(lines)) : "(no log)";
}

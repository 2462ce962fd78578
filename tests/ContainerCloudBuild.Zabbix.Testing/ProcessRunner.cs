using System.Diagnostics;
using System.Text;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>Runs the fixture's commands (as a service user when root) and daemons with their output in a log file.</summary>
public static class ProcessRunner
{
    /// <summary>Runs to completion; throws with the command's output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        string? asUser = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = await ToolProcess.RunAsync(Info(file, arguments, asUser, environment), Timeout.InfiniteTimeSpan, cancellationToken);
        var output = result.Output + result.Error;
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {result.ExitCode}: {output}");
        return output;
    }

    /// <summary>Starts a long-running process whose stdout and stderr go to <paramref name="logPath"/>.</summary>
    public static Process StartDaemon(string file, IReadOnlyList<string> arguments, string logPath,
        string? asUser = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Process.Start(Info(file, arguments, asUser, environment)) ?? throw new InvalidOperationException($"Could not start {file}");
        var log = new StreamWriter(logPath, append: true, Encoding.UTF8) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, then waits; SIGKILL to the whole tree when it did not stop within <paramref name="grace"/>.</summary>
    public static async Task TerminateAsync(Process? process, TimeSpan grace)
    {
        if (process is null)
            return;
        if (!process.HasExited)
        {
            using (var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
                await (kill?.WaitForExitAsync(CancellationToken.None) ?? Task.CompletedTask);
            try
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException) { }
                catch (System.ComponentModel.Win32Exception) { }
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        process.Dispose();
    }

    /// <summary>Gives a folder to a service user (root only), so a daemon that drops privileges can write there.</summary>
    public static Task ChownAsync(string path, string user, CancellationToken cancellationToken) =>
        ZabbixPackages.IsRoot ? RunAsync("/bin/chown", ["-R", $"{user}:", path], cancellationToken) : Task.CompletedTask;

    private static ProcessStartInfo Info(string file, IReadOnlyList<string> arguments, string? asUser, IReadOnlyDictionary<string, string>? environment)
    {
        var runAs = asUser is not null && ZabbixPackages.IsRoot;
        var info = new ProcessStartInfo(runAs ? "/usr/sbin/runuser" : file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        if (runAs)
        {
            foreach (var a in new[] { "-u", asUser!, "--", file })
                info.ArgumentList.Add(a);
        }
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return info;
    }
}

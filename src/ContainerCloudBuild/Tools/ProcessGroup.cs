using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ContainerCloudBuild.Tools;

/// <summary>
/// Starts a tool as the leader of its own session and process group (through <c>setsid</c>) on
/// Unix, so that stopping it reaches every process it started, also those re-parented to PID 1
/// after the tool's shell exited. Stopping sends SIGTERM to the group, waits up to the grace
/// period for the group to be gone, then sends SIGKILL. On Windows (or without <c>setsid</c>)
/// the tool runs as a plain child and stopping kills its process tree.
/// </summary>
internal static partial class ProcessGroup
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>A start info that runs <paramref name="executable"/> in its own group when the platform allows it.</summary>
    public static ProcessStartInfo StartInfo(string executable, IReadOnlyList<string> arguments, string? setsid)
    {
        var info = new ProcessStartInfo(setsid ?? executable);
        if (setsid is not null) info.ArgumentList.Add(executable);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }

    /// <summary>The <c>setsid</c> program, or null where tools cannot get their own group.</summary>
    public static string? FindSetsid(string? path) =>
        OperatingSystem.IsWindows() ? null : ExecutableLocator.Find("setsid", path);

    public static async Task StopAsync(Process process, bool grouped, TimeSpan gracePeriod)
    {
        if (!grouped)
        {
            await StopTreeAsync(process, gracePeriod).ConfigureAwait(false);
            return;
        }

        // setsid execs the tool in place, so the group id is the tool's pid. Signal the pid as well:
        // the tool may be stopped before setsid made it a group leader.
        var group = process.Id;
        Signal(-group, SigTerm);
        Signal(group, SigTerm);
        var deadline = Stopwatch.GetTimestamp() + (long)(gracePeriod.TotalSeconds * Stopwatch.Frequency);
        while (IsAlive(process, group) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(PollInterval, CancellationToken.None).ConfigureAwait(false);
        Signal(-group, SigKill);
        Signal(group, SigKill);
    }

    /// <summary>
    /// Until disposed, a forced exit of the build (a second Ctrl+C ends the process at once) kills
    /// the group instead of leaving it running detached from the terminal.
    /// </summary>
    public static IDisposable KillOnProcessExit(int group) => new ExitGuard(group);

    private sealed class ExitGuard : IDisposable
    {
        private readonly int _group;

        public ExitGuard(int group)
        {
            _group = group;
            AppDomain.CurrentDomain.ProcessExit += OnExit;
        }

        private void OnExit(object? sender, EventArgs e) => Signal(-_group, SigKill);

        public void Dispose() => AppDomain.CurrentDomain.ProcessExit -= OnExit;
    }

    private static bool IsAlive(Process process, int group) => !process.HasExited || HasLiveMembers(group);

    /// <summary>Whether any member of the group is still running (zombies, which nobody may reap, do not count).</summary>
    private static bool HasLiveMembers(int group)
    {
        if (kill(-group, 0) != 0) return false;
        if (!OperatingSystem.IsLinux()) return true;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid pgrp ...: comm may hold spaces, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 2 && fields[0] != "Z" && fields[2] == group.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    return true;
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to inspect.
            }
        }

        return false;
    }

    private static void Signal(int pid, int signal)
    {
        if (pid != 0) _ = kill(pid, signal);
    }

    private static async Task StopTreeAsync(Process process, TimeSpan gracePeriod)
    {
        if (process.HasExited) return;
        if (!OperatingSystem.IsWindows()) Signal(process.Id, SigTerm);
        using var grace = new CancellationTokenSource(gracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Still running after the grace period.
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);
}

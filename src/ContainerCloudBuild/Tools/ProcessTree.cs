using System.Diagnostics;

namespace ContainerCloudBuild.Tools;

/// <summary>Stops a process gracefully (SIGTERM), then kills it and all its descendants.</summary>
internal static class ProcessTree
{
    public static async Task StopAsync(Process process, TimeSpan gracePeriod)
    {
        if (process.HasExited) return;
        if (!OperatingSystem.IsWindows()) await SendTermAsync(process.Id).ConfigureAwait(false);
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

    private static async Task SendTermAsync(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            if (kill is not null) await kill.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1): fall through to the forced kill.
        }
    }
}

using System.Diagnostics;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>Runs the docker CLI (arguments as a list, never through a shell) for seeding real images.</summary>
public static class DockerCli
{
    public static bool IsAvailable =>
        File.Exists("/bin/busybox") && RunAsync(["version", "--format", "{{.Server.Version}}"], CancellationToken.None, allowFailure: true)
            .GetAwaiter().GetResult().Length > 0;

    public static async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, bool allowFailure = false)
    {
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process? process;
        try { process = Process.Start(info); }
        catch (System.ComponentModel.Win32Exception) when (allowFailure) { return ""; }
        using (process)
        {
            if (process is null) return allowFailure ? "" : throw new InvalidOperationException("docker did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0 && !allowFailure)
                throw new InvalidOperationException($"docker {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
            return process.ExitCode == 0 ? (await stdout).Trim() : "";
        }
    }
}

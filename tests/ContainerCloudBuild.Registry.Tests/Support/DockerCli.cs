using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>Runs the docker CLI (arguments as a list, never through a shell) for seeding real images.</summary>
public static class DockerCli
{
    public static bool IsAvailable =>
        File.Exists("/bin/busybox") && RunAsync(["version", "--format", "{{.Server.Version}}"], CancellationToken.None, allowFailure: true)
            .GetAwaiter().GetResult().Length > 0;

    public static async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken, bool allowFailure = false)
    {
        ToolResult result;
        try { result = await ToolProcess.RunAsync(ToolProcess.StartInfo("docker", args), Timeout.InfiniteTimeSpan, cancellationToken); }
        catch (System.ComponentModel.Win32Exception) when (allowFailure) { return ""; }
        if (result.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"docker {string.Join(' ', args)} exited with {result.ExitCode}: {result.Error}");
        return result.ExitCode == 0 ? result.Output.Trim() : "";
    }
}

using System.Diagnostics;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Support;

/// <summary>Runs kubectl (on PATH) against a kubeconfig with extra environment; skips locally when kubectl is missing.</summary>
internal static class KubectlProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        RequiredService.Require(kubectl is not null, "kubectl", "Install kubectl 1.32 (or Debian's kubernetes-client) on PATH.");
        var start = new ProcessStartInfo(kubectl!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }
}

using System.Diagnostics;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>Runs the kubectl binary against a kubeconfig; skips (locally) when kubectl is not installed.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    public static Kubectl Require(string kubeconfig)
    {
        RequiredService.Require(Locate() is not null, "kubectl", "Install kubectl 1.32 (or Debian's kubernetes-client) on PATH.");
        return new Kubectl(kubeconfig);
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = new ProcessStartInfo(Locate()!) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(kubeconfig);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
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
        return (process.ExitCode, await output, await error);
    }
}

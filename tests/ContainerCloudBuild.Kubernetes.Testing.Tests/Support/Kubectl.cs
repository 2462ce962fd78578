using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>Runs the kubectl binary against a kubeconfig; skips (locally) when kubectl is not installed.</summary>
public sealed class Kubectl(string kubeconfig)
{
    public static string? Locate() => ToolProcess.FindOnPath("kubectl");

    public static Kubectl Require(string kubeconfig)
    {
        RequiredService.Require(Locate() is not null, "kubectl", "Install kubectl 1.32 (or Debian's kubernetes-client) on PATH.");
        return new Kubectl(kubeconfig);
    }

    public Task<ToolResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var start = ToolProcess.StartInfo(Locate()!, ["--kubeconfig", kubeconfig, .. args]);
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        return ToolProcess.RunAsync(start, ToolProcess.DefaultTimeout, cancellationToken);
    }
}

using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Support;

/// <summary>Runs kubectl (on PATH) against a kubeconfig with extra environment; skips locally when kubectl is missing.</summary>
internal static class KubectlProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string kubeconfig, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] args)
    {
        var kubectl = ToolProcess.FindOnPath("kubectl");
        RequiredService.Require(kubectl is not null, "kubectl", "Install kubectl 1.32 (or Debian's kubernetes-client) on PATH.");
        var start = ToolProcess.StartInfo(kubectl!, ["--kubeconfig", kubeconfig, .. args]);
        start.Environment["HOME"] = Path.GetDirectoryName(kubeconfig)!;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var result = await ToolProcess.RunAsync(start, ToolProcess.DefaultTimeout, cancellationToken);
        return (result.ExitCode, result.Output + result.Error);
    }
}

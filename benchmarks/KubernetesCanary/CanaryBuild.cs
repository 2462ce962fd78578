using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;

namespace KubernetesCanary;

/// <summary>A DeployBuild run in-process (each run its own build, connection and Lease identity, as another process would be).</summary>
internal sealed class CanaryBuild(string root, string kubeconfig, string service, string templates)
{
    private sealed class Build : DeployBuild;

    public async Task<(int Exit, string Output)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new MemoryBuildOutput();
        var exit = await BuildRunner.RunAsync(new Build(), [.. args, "--platform", "kubernetes", "--kubeconfig", kubeconfig, "--service", service, "--templates", templates],
            new BuildRunSettings { RootDirectory = root, Output = output, Environment = new Dictionary<string, string?>() }, cancellationToken).ConfigureAwait(false);
        return (exit, output.Text);
    }

    /// <summary>Runs and throws with the run's output when it fails.</summary>
    public async Task RequireAsync(CancellationToken cancellationToken, params string[] args)
    {
        var (exit, output) = await RunAsync(cancellationToken, args).ConfigureAwait(false);
        if (exit != 0)
            throw new InvalidOperationException($"{string.Join(' ', args)} exited {exit}:\n{output}");
    }
}

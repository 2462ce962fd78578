using System.Diagnostics;
using System.Text.Json;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// The orchestrator as a child process: <c>--rollout-child &lt;apiServer&gt; &lt;namespace&gt; &lt;blueGreenSpec.json&gt;</c> runs
/// <c>DeployBlueGreenAsync</c> against the cluster, exactly as a build target would (state and Lease in the cluster).
/// </summary>
public static class RolloutChild
{
    public const string Verb = "--rollout-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var spec = JsonSerializer.Deserialize<BlueGreenSpec>(await File.ReadAllTextAsync(args[2]), RolloutJson.Options)!;
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = args[0] });
        var target = KubernetesRolloutTarget.Create(client, args[1], "fake cluster", new KubernetesRolloutOptions
        {
            Lease = FakeClusterNamespace.FastLease,
            Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
        });
        var result = await target.Controller.DeployBlueGreenAsync(spec, CancellationToken.None);
        Console.WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>Starts this test assembly as the child.</summary>
    public static Process Start(Uri apiServer, string ns, string specPath, string logPath) =>
        TestAssemblyChild.Start(typeof(RolloutChild).Assembly, logPath, Verb, apiServer.ToString().TrimEnd('/'), ns, specPath);
}

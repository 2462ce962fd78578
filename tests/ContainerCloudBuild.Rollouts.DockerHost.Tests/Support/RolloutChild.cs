using System.Diagnostics;
using System.Text.Json;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;

/// <summary>
/// The orchestrator as a child process: <c>--rollout-child &lt;stateDir&gt; &lt;haproxySocket&gt; &lt;canarySpec.json&gt;</c>
/// runs <c>StartCanaryAsync</c> against the real Docker host, exactly as a build target would.
/// </summary>
public static class RolloutChild
{
    public const string Verb = "--rollout-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var spec = JsonSerializer.Deserialize<CanarySpec>(await File.ReadAllTextAsync(args[2]), RolloutJson.Options)!;
        using var target = DockerHostTarget.Create(new DockerHostOptions
        {
            StateDirectory = args[0],
            HaproxySocketPath = args[1],
            Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
        });
        var result = await target.Controller.StartCanaryAsync(spec, CancellationToken.None);
        Console.WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>Starts this test assembly as the child.</summary>
    public static Process Start(string stateDirectory, string haproxySocket, string specPath, string logPath) =>
        TestAssemblyChild.Start(typeof(RolloutChild).Assembly, logPath, Verb, stateDirectory, haproxySocket, specPath);
}

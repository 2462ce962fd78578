using System.Diagnostics;
using System.Text.Json;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// The orchestrator as a child process, exactly as a build target would run it (state and Lease in the cluster, a connection of
/// its own): <c>--rollout-child &lt;apiServer&gt; &lt;namespace&gt; &lt;strategy&gt; &lt;resultPath&gt; start &lt;version&gt;|status|abort &lt;reason&gt;</c>.
/// <c>start</c> runs the strategy's <see cref="CrashScenario.StartPausedAsync"/>; the result (or the status) is written as JSON to resultPath.
/// </summary>
public static class RolloutChild
{
    public const string Verb = "--rollout-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = CrashScenario.For(Enum.Parse<RolloutStrategy>(args[2]));
        using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = args[0] });
        var target = KubernetesRolloutTarget.Create(client, args[1], "fake cluster", new KubernetesRolloutOptions
        {
            Lease = FakeClusterNamespace.FastLease,
            Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
        }, scenario.Router(client, args[1]));
        var resultPath = args[3];
        var ct = CancellationToken.None;
        if (args[4] == "status")
        {
            var status = await target.Controller.GetStatusAsync(FakeClusterNamespace.App, ct);
            await File.WriteAllTextAsync(resultPath, JsonSerializer.Serialize(status, RolloutJson.Options), ct);
            Console.WriteLine(RolloutStatusText.Format(status));
            return 0;
        }
        var result = args[4] switch
        {
            "start" => await scenario.StartPausedAsync(target.Controller, args[5], ct),
            "abort" => await target.Controller.AbortAsync(FakeClusterNamespace.App, args[5], ct),
            _ => throw new ArgumentException($"Unknown child command '{args[4]}': start, status or abort."),
        };
        await File.WriteAllTextAsync(resultPath, JsonSerializer.Serialize(result, RolloutJson.Options), ct);
        Console.WriteLine(result.Message);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>Starts this test assembly as the child running <paramref name="command"/>.</summary>
    public static Process Start(FakeClusterNamespace cluster, RolloutStrategy strategy, string resultPath, string logPath, params string[] command) =>
        TestAssemblyChild.Start(typeof(RolloutChild).Assembly, logPath,
            [Verb, cluster.Api.BaseAddress.ToString().TrimEnd('/'), cluster.Namespace, strategy.ToString(), resultPath, .. command]);

    /// <summary>Runs the child to its end and reads what it wrote (a <see cref="RolloutStatus"/> or <see cref="RolloutResult"/>).</summary>
    public static async Task<T> RunToEndAsync<T>(FakeClusterNamespace cluster, RolloutStrategy strategy, string folder, string name, CancellationToken cancellationToken,
        params string[] command)
    {
        var resultPath = Path.Combine(folder, name + ".json");
        var logPath = Path.Combine(folder, name + ".log");
        using var child = Start(cluster, strategy, resultPath, logPath, command);
        await child.WaitForExitAsync(cancellationToken);
        Assert.True(File.Exists(resultPath), $"The {name} child wrote no result (exit code {child.ExitCode}); its log:\n{await File.ReadAllTextAsync(logPath, cancellationToken)}");
        return JsonSerializer.Deserialize<T>(await File.ReadAllTextAsync(resultPath, cancellationToken), RolloutJson.Options)!;
    }
}

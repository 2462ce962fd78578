namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// One strategy's rollout as the crash tests run it: what exists before (v1 stable, the routing objects), the rollout that
/// pauses (run in a child process and killed there), and what the cluster shows while paused and after an abort.
/// </summary>
public abstract class CrashScenario
{
    public static CrashScenario For(RolloutStrategy strategy) => strategy switch
    {
        RolloutStrategy.BlueGreen => new BlueGreenCrashScenario(),
        RolloutStrategy.Canary => new NginxCanaryCrashScenario(),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "blue-green or canary"),
    };

    public abstract RolloutStrategy Strategy { get; }

    /// <summary>The router of this strategy over <paramref name="client"/> (null: the Services of blue-green).</summary>
    public abstract ITrafficRouter? Router(k8s.Kubernetes client, string ns);

    /// <summary>The objects a deploy applies before any rollout, and v1 rolled out as the stable revision.</summary>
    public abstract Task PrepareAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken);

    /// <summary>Rolls <paramref name="version"/> out until the rollout pauses for a person (the child process is killed there).</summary>
    public abstract Task<RolloutResult> StartPausedAsync(RolloutController controller, string version, CancellationToken cancellationToken);

    /// <summary>Checks the cluster and a Status of the paused rollout of v2 over v1.</summary>
    public abstract Task AssertPausedAsync(FakeClusterNamespace cluster, RolloutStatus status, CancellationToken cancellationToken);

    /// <summary>Checks that all traffic is on v1 and v2 is gone, reading the stored objects.</summary>
    public abstract Task AssertAbortedAsync(FakeClusterNamespace cluster, CancellationToken cancellationToken);
}

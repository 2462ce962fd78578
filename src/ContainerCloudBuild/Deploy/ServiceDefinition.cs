using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Abstractions;

namespace ContainerCloudBuild.Deploy;

public enum DeployStrategy { BlueGreen, Canary, Rolling }

public enum DeployPlatform { Docker, Kubernetes }

/// <summary>A variable the service reads from a secret: <see cref="Name"/> in the container, <see cref="Secret"/>/<see cref="Key"/> on Kubernetes.</summary>
public sealed record SecretEnvReference(string Name, string Secret, string Key);

/// <summary>The readiness probe: GET <see cref="Path"/> every period, each try bounded by the timeout, unready after the failure threshold.</summary>
public sealed record ReadinessProbe(string Path, TimeSpan InitialDelay, TimeSpan Period, TimeSpan Timeout, int FailureThreshold)
{
    /// <summary>How long a new revision may take to become ready: the initial delay plus period × failure threshold.</summary>
    public TimeSpan Deadline => InitialDelay + (Period * Math.Max(1, FailureThreshold));
}

/// <summary>One canary step as the values write it; <see cref="Kind"/> says which of the fields counts.</summary>
public sealed record CanaryStepValue(Rollouts.CanaryStepKind Kind, int? Weight = null, TimeSpan? Pause = null, string? Analysis = null);

/// <summary>How the service is rolled out: router port, default strategy, steps and delays.</summary>
public sealed record RolloutValues
{
    /// <summary>The service's router frontend on 127.0.0.1; 0 when the service is not routed on a Docker host.</summary>
    public int RouterPort { get; init; }
    public DeployStrategy Strategy { get; init; } = DeployStrategy.BlueGreen;
    public TimeSpan ScaleDownDelay { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public IReadOnlyList<CanaryStepValue> CanarySteps { get; init; } = [];
    public IReadOnlyList<int> RollingSteps { get; init; } = [];
    /// <summary>Kubernetes canary: <c>rollout.trafficRouter</c> (nginx, gateway, openshift, replicas); empty: chosen from the render.</summary>
    public string TrafficRouter { get; init; } = "";
    /// <summary>Requests a new revision answers directly once healthy, before it takes traffic; null for none.</summary>
    public WarmupSpec? Warmup { get; init; }
    /// <summary>A new revision starts, passes health and warms up at a low CPU weight (Docker host); normal weight once it takes traffic.</summary>
    public bool LowCpuWeightUntilReady { get; init; }
    /// <summary>Docker host: each replica on cores of its own, away from the other revisions' (<c>rollout.pinToCores</c>).</summary>
    public bool PinToCores { get; init; }
}

/// <summary>
/// A service as its folder defines it (values.yaml, values.&lt;environment&gt;.yaml, --set), in platform terms
/// both the Kubernetes manifests and a Docker host understand. Secret values are never part of it: only the
/// references, resolved when a workload starts.
/// </summary>
public sealed record ServiceDefinition
{
    public required string Name { get; init; }
    public required string Folder { get; init; }
    public string? Environment { get; init; }
    /// <summary>The image the values name (repository@digest or :tag); the pipeline's image overrides it.</summary>
    public ImageReference? ImageFromValues { get; init; }
    /// <summary>The port the app listens on in its pod; on a Docker host each replica is told its own port instead (see <see cref="AdaptedOnDockerHost"/>).</summary>
    public int ContainerPort { get; init; } = 8080;
    /// <summary>Instances per revision: pods on Kubernetes, containers behind the router on a Docker host.</summary>
    public int Replicas { get; init; } = 1;
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<SecretEnvReference> SecretEnv { get; init; } = [];
    /// <summary>CPU limit in cores; null for none.</summary>
    public double? CpuLimit { get; init; }
    /// <summary>Memory limit in bytes; null for none.</summary>
    public long? MemoryLimitBytes { get; init; }
    public ReadinessProbe? Readiness { get; init; }
    public RolloutValues Rollout { get; init; } = new();
    /// <summary>The <c>zabbix:</c> values; <see cref="Zabbix.ZabbixServiceValues.Disabled"/> unless <c>zabbix.enabled</c>.</summary>
    public Zabbix.ZabbixServiceValues Zabbix { get; init; } = Deploy.Zabbix.ZabbixServiceValues.Disabled;
    /// <summary>Values set in the folder that a Docker host cannot honour, each with the reason (reported once).</summary>
    public IReadOnlyList<string> IgnoredOnDockerHost { get; init; } = [];
    /// <summary>Values a Docker host honours differently (e.g. containerPort), each with what it does instead (reported once).</summary>
    public IReadOnlyList<string> AdaptedOnDockerHost { get; init; } = [];
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>How a revision proves it is ready: HTTP GET on <see cref="Path"/> until 2xx or the deadline.</summary>
public sealed record HealthCheckSpec
{
    public string Path { get; init; } = "/healthz";
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Requests sent to the healthy revision directly, before it takes any traffic; null for none.</summary>
    public WarmupSpec? Warmup { get; init; }
    /// <summary>
    /// The revision starts, passes this check and warms up at a low CPU weight, and gets the normal weight just before it takes
    /// traffic: where revisions share CPUs (one Docker host), the serving revision then keeps the CPU while the new one's
    /// runtime starts and compiles. A driver without CPU weights ignores it.
    /// </summary>
    public bool LowCpuWeightUntilReady { get; init; }
}

/// <summary>
/// <paramref name="Requests"/> GETs of <paramref name="Path"/> on a revision that just became healthy, before the router gives it
/// traffic: the runtime compiles the hot code again at its optimising tier while no user waits for it. At most
/// <paramref name="RatePerSecond"/> per second and replica (0: one after the other as fast as they are answered), so the burst does
/// not take the CPU the serving revision and the router share with it.
/// </summary>
public sealed record WarmupSpec(string Path, int Requests, int RatePerSecond = 0);

/// <summary>What to run for one revision; the driver decides where (container, pod).</summary>
public sealed record WorkloadSpec
{
    /// <summary>Image to run, ideally by digest (<c>registry/repo@sha256:...</c>).</summary>
    public required string Image { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>CPU limit in cores (e.g. 0.5); null for none.</summary>
    public double? CpuLimit { get; init; }
    /// <summary>Memory limit in bytes; null for none.</summary>
    public long? MemoryLimitBytes { get; init; }
    public HealthCheckSpec HealthCheck { get; init; } = new();
    /// <summary>How many instances of the revision run behind the router (containers on a Docker host, pods on Kubernetes); at least 1.</summary>
    public int Replicas { get; init; } = 1;
    /// <summary>
    /// Pins each replica to cores of its own where the host has more cores than the revision needs, away from the cores other
    /// revisions are pinned to: a starting revision then does not take CPU from the serving one, and a quota smaller than a
    /// core is not split across cores. A driver that does not place workloads on cores ignores it.
    /// </summary>
    public bool PinToCores { get; init; }
}

/// <summary>Blue-green: run the new revision beside stable, gate on health, switch all traffic at once.</summary>
public sealed record BlueGreenSpec
{
    public required string App { get; init; }
    public required string Revision { get; init; }
    public required WorkloadSpec Workload { get; init; }
    /// <summary>When false the rollout pauses after the health gate until <c>PromoteAsync</c>.</summary>
    public bool AutoPromote { get; init; } = true;
    /// <summary>How long the previous revision stays alive (instant undo) after the switch.</summary>
    public TimeSpan ScaleDownDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Longest wait for in-flight requests on a retired revision before it is stopped.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Analysis template judged on the healthy, not yet switched revision (via its preview address); failure aborts.</summary>
    public string? PrePromotionAnalysis { get; init; }
    /// <summary>Analysis template judged after the switch, while the previous revision still runs; failure undoes the switch.</summary>
    public string? PostPromotionAnalysis { get; init; }
    public IReadOnlyDictionary<string, string>? AnalysisArgs { get; init; }
}

public enum CanaryStepKind { SetWeight, Pause, Analysis }

/// <summary>One canary step. Build with <see cref="SetWeight"/>, <see cref="Pause"/> or <see cref="Analysis"/>.</summary>
public sealed record CanaryStep
{
    public required CanaryStepKind Kind { get; init; }
    /// <summary>Percentage of traffic for the canary (SetWeight).</summary>
    public int? Weight { get; init; }
    /// <summary>Pause length; null pauses until promoted.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Analysis template name handed to <see cref="IAnalysisRunner"/>.</summary>
    public string? Template { get; init; }
    public IReadOnlyDictionary<string, string>? Args { get; init; }

    public static CanaryStep SetWeight(int percent) =>
        percent is < 0 or > 100
            ? throw new ArgumentOutOfRangeException(nameof(percent), percent, "A canary weight is a percentage from 0 to 100.")
            : new() { Kind = CanaryStepKind.SetWeight, Weight = percent };

    public static CanaryStep Pause(TimeSpan? duration = null) => new() { Kind = CanaryStepKind.Pause, Duration = duration };

    public static CanaryStep Analysis(string template, IReadOnlyDictionary<string, string>? args = null) =>
        new() { Kind = CanaryStepKind.Analysis, Template = template, Args = args };

    public override string ToString() => Kind switch
    {
        CanaryStepKind.SetWeight => $"setWeight {Weight}",
        CanaryStepKind.Pause => Duration is { } d ? $"pause {d.TotalSeconds:0.###}s" : "pause until promoted",
        _ => $"analysis {Template}",
    };
}

/// <summary>Canary: shift traffic to the new revision step by step; completion makes it stable.</summary>
public sealed record CanarySpec
{
    public required string App { get; init; }
    public required string Revision { get; init; }
    public required WorkloadSpec Workload { get; init; }
    public required IReadOnlyList<CanaryStep> Steps { get; init; }
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

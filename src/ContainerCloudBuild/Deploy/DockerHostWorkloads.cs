using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// What a Docker host runs for a <see cref="ServiceDefinition"/>: <c>replicas</c> containers of the image by digest, env plus
/// resolved secrets, CPU/memory limits (per container) and the readiness probe as the health gate; and the rollout specs its
/// strategy needs. <c>rolling</c> on a Docker host is a canary of setWeight steps only (no analysis, no pauses): the new revision's
/// replicas all start behind the health gate, then traffic moves to them in steps.
/// </summary>
public static class DockerHostWorkloads
{
    private static readonly int[] DefaultRollingSteps = [25, 50, 75];

    public static WorkloadSpec Workload(ServiceDefinition service, ImageReference image, IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(secrets);
        var env = new Dictionary<string, string>(service.EnvironmentVariables, StringComparer.Ordinal);
        foreach (var (name, value) in secrets)
            env[name] = value;
        var probe = service.Readiness;
        return new WorkloadSpec
        {
            Image = image.ToDeployString(),
            Environment = env,
            CpuLimit = service.CpuLimit,
            MemoryLimitBytes = service.MemoryLimitBytes,
            Replicas = service.Replicas,
            PinToCores = service.Rollout.PinToCores,
            HealthCheck = probe is null
                ? new HealthCheckSpec { Warmup = service.Rollout.Warmup, LowCpuWeightUntilReady = service.Rollout.LowCpuWeightUntilReady }
                : new HealthCheckSpec
                {
                    Path = probe.Path, Interval = probe.Period, Timeout = probe.Timeout, Deadline = probe.Deadline,
                    Warmup = service.Rollout.Warmup, LowCpuWeightUntilReady = service.Rollout.LowCpuWeightUntilReady,
                },
        };
    }

    public static IReadOnlyList<CanaryStep> CanarySteps(ServiceDefinition service, DeployStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (strategy == DeployStrategy.Rolling)
        {
            var weights = service.Rollout.RollingSteps.Count > 0 ? service.Rollout.RollingSteps : DefaultRollingSteps;
            return [.. weights.Select(CanaryStep.SetWeight)];
        }
        if (service.Rollout.CanarySteps.Count == 0)
            throw new ServiceDefinitionException(service.Folder, ["rollout.canarySteps: a canary needs steps (e.g. - setWeight: 20, - analysis: haproxy-canary)"]);
        return [.. service.Rollout.CanarySteps.Select(s => s.Kind switch
        {
            CanaryStepKind.SetWeight => CanaryStep.SetWeight(s.Weight!.Value),
            CanaryStepKind.Pause => CanaryStep.Pause(s.Pause),
            _ => CanaryStep.Analysis(s.Analysis!),
        })];
    }

    public static BlueGreenSpec BlueGreen(ServiceDefinition service, string revision, WorkloadSpec workload) => new()
    {
        App = service.Name,
        Revision = revision,
        Workload = workload,
        ScaleDownDelay = service.Rollout.ScaleDownDelay,
        DrainTimeout = service.Rollout.DrainTimeout,
    };

    public static CanarySpec Canary(ServiceDefinition service, string revision, WorkloadSpec workload, DeployStrategy strategy) => new()
    {
        App = service.Name,
        Revision = revision,
        Workload = workload,
        Steps = CanarySteps(service, strategy),
        DrainTimeout = service.Rollout.DrainTimeout,
    };
}

using ContainerCloudBuild.Manifests.Values;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>The <c>rollout:</c> section of a service's values: router port, strategy, canary and rolling steps.</summary>
internal static class RolloutValuesReader
{
    public static RolloutValues Read(ValueMap values, List<string> problems)
    {
        var strategyText = ValuePath.Text(values, "rollout.strategy");
        var strategy = DeployStrategies.TryParse(strategyText);
        if (strategy is null)
            problems.Add($"rollout.strategy: '{strategyText}' is not one of {DeployStrategies.Names}");
        var port = ValuePath.Int(values, "rollout.routerPort");
        if (port is < 0 or > 65535)
            problems.Add($"rollout.routerPort: {port} is not a TCP port (1-65535, or 0 for none)");
        var steps = new List<CanaryStepValue>();
        var items = ValuePath.Items(values, "rollout.canarySteps").OfType<ValueMap>().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (Step(items[i]) is { } step)
                steps.Add(step);
            else
                problems.Add($"rollout.canarySteps[{i}]: set exactly one of setWeight (1-100), pauseSeconds (> 0), pauseUntilPromoted (true) or analysis (a template name)");
        }
        var rolling = ValuePath.Items(values, "rollout.rollingSteps").OfType<ValueScalar>()
            .Select(s => int.TryParse(s.Text, out var w) ? w : -1).ToList();
        if (rolling.Any(w => w is < 1 or > 99))
            problems.Add("rollout.rollingSteps: each step is a traffic percentage from 1 to 99 (100 follows by itself)");
        var warmupPath = ValuePath.Text(values, "rollout.warmup.path");
        var warmupRequests = ValuePath.Int(values, "rollout.warmup.requests");
        var warmupRate = ValuePath.Int(values, "rollout.warmup.ratePerSecond");
        if (warmupRequests < 0 || (warmupRequests > 0 && !warmupPath.StartsWith('/')))
            problems.Add("rollout.warmup: requests is a count (0: none) and path an absolute path such as /version");
        if (warmupRate < 0)
            problems.Add("rollout.warmup.ratePerSecond: the most warm-up requests per second and replica (0: as fast as they are answered)");
        return new RolloutValues
        {
            Warmup = warmupRequests > 0 && warmupPath.StartsWith('/') ? new WarmupSpec(warmupPath, warmupRequests, Math.Max(0, warmupRate)) : null,
            LowCpuWeightUntilReady = ValuePath.Bool(values, "rollout.lowCpuWeightUntilReady"),
            PinToCores = ValuePath.Bool(values, "rollout.pinToCores"),
            RouterPort = port,
            Strategy = strategy ?? DeployStrategy.BlueGreen,
            ScaleDownDelay = TimeSpan.FromSeconds(ValuePath.Int(values, "rollout.scaleDownDelaySeconds", 30)),
            DrainTimeout = TimeSpan.FromSeconds(ValuePath.Int(values, "rollout.drainTimeoutSeconds", 10)),
            CanarySteps = steps,
            RollingSteps = rolling,
            TrafficRouter = ValuePath.Text(values, "rollout.trafficRouter").Trim(),
        };
    }

    private static CanaryStepValue? Step(ValueMap item)
    {
        var weight = ValuePath.Int(item, "setWeight");
        var pause = ValuePath.Int(item, "pauseSeconds");
        var untilPromoted = ValuePath.Bool(item, "pauseUntilPromoted");
        var analysis = ValuePath.Text(item, "analysis");
        var set = (weight != 0 ? 1 : 0) + (pause != 0 ? 1 : 0) + (untilPromoted ? 1 : 0) + (analysis.Length > 0 ? 1 : 0);
        if (set != 1)
            return null;
        if (weight != 0)
            return weight is >= 1 and <= 100 ? new CanaryStepValue(CanaryStepKind.SetWeight, Weight: weight) : null;
        if (pause != 0)
            return pause > 0 ? new CanaryStepValue(CanaryStepKind.Pause, Pause: TimeSpan.FromSeconds(pause)) : null;
        if (untilPromoted)
            return new CanaryStepValue(CanaryStepKind.Pause);
        return new CanaryStepValue(CanaryStepKind.Analysis, Analysis: analysis);
    }
}

/// <summary>The strategy names a command line and values use: blue-green, canary, rolling.</summary>
public static class DeployStrategies
{
    public const string Names = "blue-green, canary, rolling";

    public static DeployStrategy? TryParse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "blue-green" or "bluegreen" => DeployStrategy.BlueGreen,
        "canary" => DeployStrategy.Canary,
        "rolling" => DeployStrategy.Rolling,
        _ => null,
    };

    public static string ToName(this DeployStrategy strategy) => strategy switch
    {
        DeployStrategy.BlueGreen => "blue-green",
        DeployStrategy.Canary => "canary",
        _ => "rolling",
    };
}

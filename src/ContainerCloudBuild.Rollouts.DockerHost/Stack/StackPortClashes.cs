namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// The ports of the local stack that two of its parts were given at once (registry, HAProxy metrics, Prometheus and each
/// application's frontend): the second one to start would find its port taken by the first and fail half-way.
/// </summary>
public static class StackPortClashes
{
    /// <summary>One sentence per clashing port naming everything that was given it; empty when every port is distinct.</summary>
    public static IReadOnlyList<string> Find(LocalStackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var owners = new List<(int Port, string Owner)>
        {
            (options.RegistryPort, "the registry (RegistryPort)"),
            (options.HaproxyMetricsPort, "HAProxy's metrics (HaproxyMetricsPort)"),
            (options.PrometheusPort, "Prometheus (PrometheusPort)"),
        };
        owners.AddRange(options.Apps.Select(app => (app.Port, $"the frontend of '{app.Name}' (its rollout.routerPort)")));
        return [.. owners.GroupBy(o => o.Port).Where(g => g.Count() > 1)
            .Select(g => $"port {g.Key} is given to both {string.Join(" and ", g.Select(o => o.Owner))}")];
    }
}

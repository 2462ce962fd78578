namespace ContainerCloudBuild.Abstractions;

/// <summary>
/// The item keys the Zabbix agent in the Zabbix base image answers (ContainerCloudBuild.Images writes its user parameters)
/// and the services' template asks it for (ContainerCloudBuild.Zabbix registers the items): one spelling for both sides.
/// </summary>
public static class ZabbixAgentItemKeys
{
    /// <summary>The agent's own liveness item (built into every agent).</summary>
    public const string Ping = "agent.ping";

    /// <summary>Seconds since the container started.</summary>
    public const string Uptime = "ccb.uptime";

    /// <summary>1 while the app answers /metrics, else 0.</summary>
    public const string MetricsUp = "ccb.metrics.up";

    /// <summary>The user parameter whose first key parameter names a /metrics metric: <see cref="Metric(string)"/>.</summary>
    public const string MetricParameter = "ccb.metric";

    /// <summary><c>ccb.metric[name]</c>: the sum of the app's /metrics series of the metric <paramref name="name"/>.</summary>
    public static string Metric(string name) => $"{MetricParameter}[{name}]";
}

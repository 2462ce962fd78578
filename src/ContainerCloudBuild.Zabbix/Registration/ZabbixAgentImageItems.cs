using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Registration;

/// <summary>
/// The template items the agent in the Zabbix base image (ContainerCloudBuild.Images' <c>ZabbixAgentImage</c>) serves, keyed by <see cref="ZabbixAgentItemKeys"/>:
/// <c>agent.ping</c>, <c>ccb.uptime</c>, <c>ccb.metrics.up</c> (1 while the app answers /metrics) and one
/// <c>ccb.metric[name]</c> per named /metrics metric (the sum of its series).
/// </summary>
public static class ZabbixAgentImageItems
{
    public static IReadOnlyList<ZabbixAgentItem> For(IReadOnlyList<string> metricNames, string interval = "10s")
    {
        ArgumentNullException.ThrowIfNull(metricNames);
        foreach (var name in metricNames)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
                throw new ArgumentException($"'{name}' is not a Prometheus metric name (letters, digits, '_' and ':').", nameof(metricNames));
        }
        return
        [
            new(ZabbixAgentItemKeys.Ping, "Agent ping", ZabbixValueType.Unsigned, interval),
            new(ZabbixAgentItemKeys.Uptime, "Uptime", ZabbixValueType.Unsigned, interval),
            new(ZabbixAgentItemKeys.MetricsUp, "App answers /metrics", ZabbixValueType.Unsigned, interval),
            .. metricNames.Select(name => new ZabbixAgentItem(ZabbixAgentItemKeys.Metric(name), $"/metrics {name}", ZabbixValueType.Float, interval)),
        ];
    }
}

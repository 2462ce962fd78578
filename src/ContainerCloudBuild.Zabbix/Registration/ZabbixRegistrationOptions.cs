using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Zabbix.Api;

namespace ContainerCloudBuild.Zabbix.Registration;

/// <summary>One item of the services' template, read by the agent in active mode (e.g. a user parameter over /metrics).</summary>
public sealed record ZabbixAgentItem(string Key, string Name, ZabbixValueType ValueType, string Interval = "10s");

/// <summary>What <see cref="ZabbixRegistration"/> sets up for a tenant.</summary>
public sealed record ZabbixRegistrationOptions
{
    /// <summary>The template linked to every registered container; shared by tenants.</summary>
    public string TemplateName { get; init; } = "ContainerCloudBuild service";

    /// <summary>The group templates live in (Zabbix 6.0 keeps templates in host groups).</summary>
    public string TemplateGroup { get; init; } = "Templates/ContainerCloudBuild";

    public Func<string, string> HostGroupOf { get; init; } = tenant => $"ccb/{tenant}";

    public IReadOnlyList<ZabbixAgentItem> Items { get; init; } =
        [new(ZabbixAgentItemKeys.Ping, "Agent ping", ZabbixValueType.Unsigned), new(ZabbixAgentItemKeys.Uptime, "Container uptime", ZabbixValueType.Unsigned)];

    /// <summary>The host metadata fragment the agent announces (<c>HostMetadata</c>) that the action matches.</summary>
    public static string MetadataOf(string tenant) => $"ccb-tenant={tenant};";
}

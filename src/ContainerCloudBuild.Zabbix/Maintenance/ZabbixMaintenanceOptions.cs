using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Zabbix.Maintenance;

/// <summary>Which Zabbix hosts a rollout quiets, for how long at most, and whether a Zabbix failure blocks the rollout.</summary>
public sealed record ZabbixMaintenanceOptions
{
    /// <summary>Technical host names for a rollout; by default the service's (the app name).</summary>
    public Func<RolloutHookRequest, IReadOnlyList<string>> HostsOf { get; init; } = r => [r.App];

    /// <summary>A host group to put into maintenance instead of (or besides) <see cref="HostsOf"/>, e.g. the tenant's.</summary>
    public string? HostGroup { get; init; }

    /// <summary>The maintenance ends by itself after this long, even when nobody removes it (a crashed build).</summary>
    public TimeSpan Expiry { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Maintenances are named "&lt;prefix&gt;&lt;app&gt; &lt;revision&gt;"; a later run removes leftovers by this name.</summary>
    public string NamePrefix { get; init; } = "ccb rollout ";

    /// <summary>When true a maintenance that cannot be set up stops the rollout at PreRollout; by default it is reported only.</summary>
    public bool Required { get; init; }
}

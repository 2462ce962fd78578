using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Zabbix.Events;

/// <summary>Where deploy events go in Zabbix and how long to wait for new items to become usable.</summary>
public sealed record ZabbixEventSinkOptions
{
    /// <summary>The host an event belongs to; by default the event's "app" field (the service). Null skips the event.</summary>
    public Func<PipelineEvent, string?> HostOf { get; init; } = e => e.Fields.TryGetValue("app", out var app) && app.Length > 0 ? app : null;

    /// <summary>Create a missing host (without interfaces) in <see cref="HostGroup"/>; otherwise a missing host is an error.</summary>
    public bool CreateMissingHosts { get; init; } = true;

    public string HostGroup { get; init; } = "ContainerCloudBuild deploys";

    /// <summary>
    /// How long values for new items are retried until the server's configuration cache has them: a little more
    /// than the server's CacheUpdateFrequency (60 s by default).
    /// </summary>
    public TimeSpan ConfigCacheWait { get; init; } = TimeSpan.FromSeconds(75);

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}

using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Manifests.Values;
using ContainerCloudBuild.Zabbix.Registration;

namespace ContainerCloudBuild.Deploy.Zabbix;

/// <summary>
/// A service's <c>zabbix:</c> values: whether Deploy uses Zabbix for it, which hosts or host group go into maintenance
/// during its rollouts, whether its deploy events go to Zabbix, whether its revisions' hosts are pre-registered for the
/// agent baked into its image, and the item the <c>zabbix</c> analysis judges.
/// </summary>
public sealed record ZabbixServiceValues
{
    public static ZabbixServiceValues Disabled { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>The tenant (values <c>tenant</c>), for the agent's host group <c>ccb/&lt;tenant&gt;</c>; empty: the service name.</summary>
    public string Tenant { get; init; } = "";

    /// <summary>The host group put into maintenance; empty: the tenant's (<c>ccb/&lt;tenant&gt;</c>) when a tenant is set.</summary>
    public string HostGroup { get; init; } = "";

    /// <summary>Technical host names put into maintenance; empty: the service's own host (its name).</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public bool Maintenance { get; init; } = true;

    public bool Events { get; init; } = true;

    public bool Agent { get; init; }

    /// <summary>Names in the app's /metrics the agent reports as <c>ccb.metric[name]</c> (template items for pre-registered hosts).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>How often the agent reads the template's items (Zabbix's delay, e.g. <c>10s</c>).</summary>
    public string MetricsInterval { get; init; } = "10s";

    public ZabbixAnalysisValues Analysis { get; init; } = new();

    internal static ZabbixServiceValues Read(ValueMap values, List<string> problems)
    {
        if (!ValuePath.Bool(values, "zabbix.enabled"))
            return Disabled;
        var noData = ValuePath.Text(values, "zabbix.analysis.noData");
        if (!Enum.TryParse<NoDataPolicy>(noData, ignoreCase: true, out var policy) || !Enum.IsDefined(policy))
            problems.Add($"zabbix.analysis.noData: '{noData}' is not one of fail, pause, pass");
        List<string> metrics = [.. ValuePath.Items(values, "zabbix.metrics").OfType<ValueScalar>().Select(s => s.Text).Where(m => m.Length > 0)];
        foreach (var bad in metrics.Where(m => !m.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':')))
            problems.Add($"zabbix.metrics: '{bad}' is not a /metrics name (letters, digits, '_' and ':')");
        return new ZabbixServiceValues
        {
            Enabled = true,
            Tenant = ValuePath.Text(values, "tenant"),
            HostGroup = ValuePath.Text(values, "zabbix.hostGroup"),
            Hosts = [.. ValuePath.Items(values, "zabbix.hosts").OfType<ValueScalar>().Select(s => s.Text).Where(h => h.Length > 0)],
            Maintenance = ValuePath.Bool(values, "zabbix.maintenance"),
            Events = ValuePath.Bool(values, "zabbix.events"),
            Agent = ValuePath.Bool(values, "zabbix.agent"),
            Metrics = metrics,
            MetricsInterval = $"{Math.Max(1, ValuePath.Int(values, "zabbix.metricsIntervalSeconds", 10))}s",
            Analysis = new ZabbixAnalysisValues
            {
                Query = ValuePath.Text(values, "zabbix.analysis.query"),
                SuccessCondition = ValuePath.Text(values, "zabbix.analysis.successCondition"),
                FailureCondition = ValuePath.Text(values, "zabbix.analysis.failureCondition"),
                Interval = TimeSpan.FromSeconds(Math.Max(1, ValuePath.Int(values, "zabbix.analysis.intervalSeconds", 10))),
                Count = Math.Max(1, ValuePath.Int(values, "zabbix.analysis.count", 3)),
                FailureLimit = Math.Max(0, ValuePath.Int(values, "zabbix.analysis.failureLimit", 0)),
                NoData = policy,
            },
        };
    }

    /// <summary>The group the maintenance covers besides <see cref="MaintenanceHosts"/>; null for none.</summary>
    public string? MaintenanceGroup => HostGroup.Length > 0 ? HostGroup : Tenant.Length > 0 ? new ZabbixRegistrationOptions().HostGroupOf(Tenant) : null;

    public IReadOnlyList<string> MaintenanceHosts(string app) => Hosts.Count > 0 ? Hosts : [app];

    /// <summary>What pre-registration sets up: the agent image's items (<c>agent.ping</c>, <c>ccb.uptime</c>, <c>ccb.metrics.up</c>, one <c>ccb.metric[name]</c> per <see cref="Metrics"/>).</summary>
    public ZabbixRegistrationOptions Registration() => new() { Items = ZabbixAgentImageItems.For(Metrics, MetricsInterval) };
}

/// <summary>The Zabbix item a <c>analysis: zabbix</c> canary step judges (see <see cref="ZabbixAnalysisTemplate"/>).</summary>
public sealed record ZabbixAnalysisValues
{
    /// <summary>FUNCTION(/HOST/KEY), e.g. <c>last(/{{app}}-{{revision}}/app.errors)</c>.</summary>
    public string Query { get; init; } = "";
    public string SuccessCondition { get; init; } = "";
    public string FailureCondition { get; init; } = "";
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);
    public int Count { get; init; } = 3;
    public int FailureLimit { get; init; }
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Fail;
}

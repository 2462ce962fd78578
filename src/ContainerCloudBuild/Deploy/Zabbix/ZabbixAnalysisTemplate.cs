using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Rollouts.Analysis.Templates;

namespace ContainerCloudBuild.Deploy.Zabbix;

/// <summary>
/// The "zabbix" analysis a canary step names (<c>- analysis: zabbix</c>): one metric measured by the Zabbix metric provider,
/// its query, conditions, interval, count, failure limit and no-data policy from the service's <c>zabbix.analysis</c> values.
/// Registered next to "haproxy-canary" when Deploy has a Zabbix connection, as that one is with Prometheus.
/// </summary>
public sealed class ZabbixAnalysisTemplate(IMetricProvider zabbix, Func<string, ZabbixServiceValues> valuesOf) : IRolloutAnalysisTemplate
{
    public const string Name = "zabbix";

    public IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = context.Request.App;
        var values = valuesOf(app);
        if (!values.Enabled)
            throw new ArgumentException($"'{app}' does not enable zabbix in its values (zabbix.enabled: true)", nameof(context));
        var analysis = values.Analysis;
        if (analysis.Query.Length == 0 || (analysis.SuccessCondition.Length == 0 && analysis.FailureCondition.Length == 0))
            throw new ArgumentException($"'{app}' needs zabbix.analysis.query and a successCondition or failureCondition", nameof(context));
        return
        [
            new AnalysisMetric(Name, zabbix)
            {
                Query = analysis.Query,
                SuccessCondition = analysis.SuccessCondition.Length > 0 ? Condition.Parse(analysis.SuccessCondition) : null,
                FailureCondition = analysis.FailureCondition.Length > 0 ? Condition.Parse(analysis.FailureCondition) : null,
                Interval = analysis.Interval,
                Count = analysis.Count,
                FailureLimit = analysis.FailureLimit,
                NoData = analysis.NoData,
            },
        ];
    }
}

using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Prometheus.Templates;

/// <summary>
/// A built-in PromQL metric: a name that says what it measures, a description, the query with
/// <c>{{arg}}</c> placeholders (listed in <see cref="Arguments"/>), and a safe default success condition.
/// </summary>
public sealed record MetricTemplate(string Name, string Description, string Query, IReadOnlyList<string> Arguments, Condition DefaultSuccess)
{
    /// <summary>An analysis metric with this query and the default success condition; adjust with <c>with</c>.</summary>
    public AnalysisMetric ToMetric(IMetricProvider provider, TimeSpan interval, int count) => new(Name, provider)
    {
        Query = Query,
        SuccessCondition = DefaultSuccess,
        Interval = interval,
        Count = count,
    };
}

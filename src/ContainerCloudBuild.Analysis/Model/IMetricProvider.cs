namespace ContainerCloudBuild.Analysis;

/// <summary>The rendered query and its context for one measurement.</summary>
/// <param name="Metric">Name of the metric being measured.</param>
/// <param name="Query">The metric's query with <c>{{arg}}</c> placeholders already substituted (PromQL-escaped).</param>
/// <param name="Interval">The measurement window (what <c>{{interval}}</c> stands for).</param>
/// <param name="Args">The template arguments, for providers that render their own templates.</param>
public sealed record MetricQuery(string Metric, string Query, TimeSpan Interval, IReadOnlyDictionary<string, string> Args);

/// <summary>
/// A source of measurements (Prometheus, web check, logs). Expected failures (server down, bad query) are
/// returned as <see cref="ProviderReading.Error"/>, not thrown.
/// </summary>
public interface IMetricProvider
{
    /// <summary>Short provider name for messages, e.g. "prometheus".</summary>
    string Name { get; }

    Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken);
}

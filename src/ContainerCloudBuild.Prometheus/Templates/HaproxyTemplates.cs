using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Prometheus.Templates;

/// <summary>
/// Metrics from HAProxy's built-in Prometheus exporter (2.6), per revision of a backend: the servers named <c>{{server}}</c> or
/// <c>{{server}}:&lt;n&gt;</c> (one per replica of the revision on a Docker host) are summed, or averaged for the response time.
/// Arguments: <c>{{backend}}</c> (the exporter's <c>proxy</c> label), <c>{{server}}</c>, <c>{{interval}}</c>.
/// HAProxy 2.6's exporter has no latency histogram (checked by scraping it: only
/// <c>haproxy_server_*_time_average_seconds</c> over the last 1024 connections and <c>max_*_time_seconds</c>),
/// so there is no p99 here; the latency metric is an average and is named so.
/// </summary>
public static class HaproxyTemplates
{
    private static readonly string[] Args = ["backend", "server", "interval"];

    private const string Selector = "proxy=\"{{backend}}\",server=~\"{{server}}(:[0-9]+)?\"";

    /// <summary>1 - 5xx responses / all responses of the server over the interval; no traffic gives no data (0/0 = NaN).</summary>
    public static MetricTemplate SuccessRate { get; } = new(
        "haproxy_server_success_rate",
        "Share of the server's HTTP responses that were not 5xx over the interval (1 - 5xx / all), from haproxy_server_http_responses_total.",
        "1 - (sum(rate(haproxy_server_http_responses_total{" + Selector + ",code=\"5xx\"}[{{interval}}]))"
        + " / sum(rate(haproxy_server_http_responses_total{" + Selector + "}[{{interval}}])))",
        Args,
        Condition.Parse(">= 0.99"));

    /// <summary>
    /// The built-in canary analysis: success rate &gt;= 0.99 and average response time &lt; 0.5 s for the server
    /// named by <c>{{server}}</c> in <c>{{backend}}</c>, over <paramref name="window"/> (at least 2 scrape intervals),
    /// no data = fail. Pass <c>backend</c> and <c>server</c> as analysis arguments.
    /// </summary>
    public static IReadOnlyList<ContainerCloudBuild.Analysis.AnalysisMetric> CanaryAnalysis(
        ContainerCloudBuild.Analysis.IMetricProvider prometheus, TimeSpan interval, int count, TimeSpan window, int failureLimit = 0) =>
    [
        SuccessRate.ToMetric(prometheus, interval, count) with { QueryWindow = window, FailureLimit = failureLimit },
        ResponseTimeAverage.ToMetric(prometheus, interval, count) with { QueryWindow = window, FailureLimit = failureLimit },
    ];

    /// <summary>
    /// HAProxy's own average response time over the server's last 1024 connections (averaged over the revision's replicas), only while the server had
    /// traffic in the interval (otherwise no data, so an idle canary cannot pass on a stale 0).
    /// </summary>
    public static MetricTemplate ResponseTimeAverage { get; } = new(
        "haproxy_server_response_time_average_seconds",
        "Average response time of the last 1024 responses (HAProxy 2.6 exports no histogram, so this is not a percentile); no data without traffic in the interval.",
        "avg(haproxy_server_response_time_average_seconds{" + Selector + "})"
        + " and on() (sum(rate(haproxy_server_http_responses_total{" + Selector + "}[{{interval}}])) > 0)",
        Args,
        Condition.Parse("< 0.5"));
}

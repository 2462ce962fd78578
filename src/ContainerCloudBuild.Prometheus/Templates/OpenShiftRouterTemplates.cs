using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Prometheus.Templates;

/// <summary>
/// Metrics of the OpenShift router (HAProxy, its exporter on port 1936 scraped by the cluster monitoring) for the canary's
/// Service behind a Route: the router labels server metrics with <c>namespace</c>, <c>route</c>, <c>service</c>, <c>pod</c>.
/// Arguments: <c>{{namespace}}</c>, <c>{{route}}</c>, <c>{{service}}</c> (the canary revision's Service), <c>{{interval}}</c>.
/// Like HAProxy's own exporter the router has no latency histogram, so the latency metric is an average and named so.
/// </summary>
public static class OpenShiftRouterTemplates
{
    private static readonly string[] Args = ["namespace", "route", "service", "interval"];

    private const string Selector = "namespace=\"{{namespace}}\",route=\"{{route}}\",service=\"{{service}}\"";

    /// <summary>1 - 5xx responses / all responses of the canary Service's servers over the interval; no traffic gives no data.</summary>
    public static MetricTemplate SuccessRate { get; } = new(
        "openshift_router_success_rate",
        "Share of the canary Service's HTTP responses through the Route that were not 5xx over the interval (1 - 5xx / all), from haproxy_server_http_responses_total.",
        "1 - (sum(rate(haproxy_server_http_responses_total{" + Selector + ",code=\"5xx\"}[{{interval}}]))"
        + " / sum(rate(haproxy_server_http_responses_total{" + Selector + "}[{{interval}}])))",
        Args,
        Condition.Parse(">= 0.99"));

    /// <summary>
    /// The router's average response latency of the canary's servers (HAProxy's mean over each server's last 1024 requests,
    /// milliseconds in the exporter) in seconds, averaged over the interval and the pods: an average, not a percentile.
    /// </summary>
    public static MetricTemplate ResponseTimeAverage { get; } = new(
        "openshift_router_response_time_average_seconds",
        "Average response latency of the canary Service's servers behind the Route (HAProxy's mean over each server's last 1024 requests; not a percentile), in seconds.",
        "avg(avg_over_time(haproxy_server_http_average_response_latency_milliseconds{" + Selector + "}[{{interval}}])) / 1000",
        Args,
        Condition.Parse("< 0.5"));
}

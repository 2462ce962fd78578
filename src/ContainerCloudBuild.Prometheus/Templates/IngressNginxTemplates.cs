using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Prometheus.Templates;

/// <summary>
/// ingress-nginx controller metrics for the canary ingress (<c>canary!=""</c>), for the Kubernetes driver.
/// Arguments: <c>{{namespace}}</c>, <c>{{ingress}}</c>, <c>{{interval}}</c>.
/// </summary>
public static class IngressNginxTemplates
{
    private static readonly string[] Args = ["namespace", "ingress", "interval"];

    private const string Selector = "namespace=\"{{namespace}}\",ingress=\"{{ingress}}\",canary!=\"\"";

    /// <summary>Flagger-style success rate as a ratio (Flagger multiplies by 100): non-5xx requests / all requests.</summary>
    public static MetricTemplate SuccessRate { get; } = new(
        "nginx_ingress_success_rate",
        "Share of the canary's requests that were not 5xx over the interval, from nginx_ingress_controller_requests.",
        "sum(rate(nginx_ingress_controller_requests{" + Selector + ",status!~\"5.*\"}[{{interval}}]))"
        + " / sum(rate(nginx_ingress_controller_requests{" + Selector + "}[{{interval}}]))",
        Args,
        Condition.Parse(">= 0.99"));

    /// <summary>A real 99th percentile from the request duration histogram buckets (not a mean).</summary>
    public static MetricTemplate LatencyP99 { get; } = new(
        "nginx_ingress_request_duration_p99_seconds",
        "99th percentile of the canary's request duration over the interval, histogram_quantile over nginx_ingress_controller_request_duration_seconds_bucket.",
        "histogram_quantile(0.99, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{" + Selector + "}[{{interval}}])))",
        Args,
        Condition.Parse("< 0.5"));
}

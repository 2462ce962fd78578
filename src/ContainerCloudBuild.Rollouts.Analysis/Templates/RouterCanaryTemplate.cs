using System.Globalization;
using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Prometheus.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis.Templates;

/// <summary>
/// A built-in canary analysis of a cluster's traffic router, judged through Prometheus: the candidate's success rate must be at
/// least <see cref="HaproxyCanaryOptions.MinSuccessRate"/> and its response time under <see cref="HaproxyCanaryOptions.MaxResponseTimeSeconds"/>
/// (plus the log metric of <see cref="HaproxyCanaryTemplate"/> when the candidate's logs are readable). Same options and step args
/// (intervalSeconds, count, failureLimit, noData) as "haproxy-canary"; the router's own arguments (namespace, ingress or route,
/// service) come with the request, from the Kubernetes deploy.
/// </summary>
public sealed class RouterCanaryTemplate : IRolloutAnalysisTemplate
{
    /// <summary>ingress-nginx: <c>nginx_ingress_controller_requests</c> of the canary traffic (<c>canary!=""</c>) of the Ingress; args namespace, ingress.</summary>
    public const string NginxName = "nginx-canary";

    /// <summary>OpenShift router (HAProxy): <c>haproxy_server_http_responses_total</c> of the candidate's Service behind the Route; args namespace, route, service.</summary>
    public const string OpenShiftRouterName = "openshift-router-canary";

    private readonly IMetricProvider _prometheus;
    private readonly HaproxyCanaryOptions _options;
    private readonly MetricTemplate _successRate;
    private readonly MetricTemplate _latency;

    private RouterCanaryTemplate(string name, MetricTemplate successRate, MetricTemplate latency, IMetricProvider prometheus, HaproxyCanaryOptions options)
    {
        Name = name;
        _successRate = successRate;
        _latency = latency;
        _prometheus = prometheus ?? throw new ArgumentNullException(nameof(prometheus));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    public string Name { get; }

    public static RouterCanaryTemplate Nginx(IMetricProvider prometheus, HaproxyCanaryOptions options) =>
        new(NginxName, IngressNginxTemplates.SuccessRate, IngressNginxTemplates.LatencyP99, prometheus, options);

    public static RouterCanaryTemplate OpenShiftRouter(IMetricProvider prometheus, HaproxyCanaryOptions options) =>
        new(OpenShiftRouterName, OpenShiftRouterTemplates.SuccessRate, OpenShiftRouterTemplates.ResponseTimeAverage, prometheus, options);

    public IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var missing = _successRate.Arguments.Concat(_latency.Arguments).Distinct(StringComparer.Ordinal)
            .Where(a => a != "interval" && !context.Args.ContainsKey(a)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException(
                $"'{Name}' needs the argument(s) {string.Join(", ", missing)}, which a Kubernetes deploy with --prometheus-url passes; elsewhere give them as the step's args.",
                nameof(context));
        var timing = CanaryTiming.From(context.Request.Args, _options, Name);
        var success = timing.Apply(_successRate.ToMetric(_prometheus, timing.Interval, timing.Count), _options) with
        {
            SuccessCondition = Condition.Parse(">= " + _options.MinSuccessRate.ToString(CultureInfo.InvariantCulture)),
        };
        var latency = timing.Apply(_latency.ToMetric(_prometheus, timing.Interval, timing.Count), _options) with
        {
            SuccessCondition = Condition.Parse("< " + _options.MaxResponseTimeSeconds.ToString(CultureInfo.InvariantCulture)),
        };
        return HaproxyCanaryTemplate.LogErrors(context, _options, timing) is { } logs ? [success, latency, logs] : [success, latency];
    }
}

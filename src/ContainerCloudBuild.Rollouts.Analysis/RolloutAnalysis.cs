using ContainerCloudBuild.Prometheus;
using ContainerCloudBuild.Rollouts.Analysis.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis;

/// <summary>Entry points: an <see cref="IAnalysisRunner"/> with the built-in templates, for <c>DockerHostOptions.Analysis</c> and a Kubernetes deploy.</summary>
public static class RolloutAnalysis
{
    /// <summary>
    /// A runner whose "haproxy-canary" template queries the Prometheus at <paramref name="prometheusUrl"/> (scraping
    /// HAProxy's exporter), whose "nginx-canary" and "openshift-router-canary" templates query it for a cluster's
    /// ingress-nginx or OpenShift router metrics, and, with <see cref="RolloutAnalysisOptions.CandidateLogs"/>, counts error lines in the
    /// candidate's logs. <paramref name="extraTemplates"/> add (or replace) named templates. Dispose it after the rollout.
    /// </summary>
    public static RolloutAnalysisRunner ForPrometheus(
        Uri prometheusUrl, RolloutAnalysisOptions options, IReadOnlyDictionary<string, IRolloutAnalysisTemplate>? extraTemplates = null)
    {
        ArgumentNullException.ThrowIfNull(prometheusUrl);
        ArgumentNullException.ThrowIfNull(options);
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var provider = new PrometheusMetricProvider(new PrometheusClient(http, prometheusUrl), TimeSpan.FromSeconds(5));
        var templates = new Dictionary<string, IRolloutAnalysisTemplate>(StringComparer.Ordinal)
        {
            [HaproxyCanaryTemplate.Name] = new HaproxyCanaryTemplate(provider, options.HaproxyCanary),
            [RouterCanaryTemplate.NginxName] = RouterCanaryTemplate.Nginx(provider, options.RouterCanary),
            [RouterCanaryTemplate.OpenShiftRouterName] = RouterCanaryTemplate.OpenShiftRouter(provider, options.RouterCanary),
        };
        foreach (var (name, template) in extraTemplates ?? new Dictionary<string, IRolloutAnalysisTemplate>())
            templates[name] = template;
        return new RolloutAnalysisRunner(templates, options, http);
    }
}

using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.TrafficRouting.Selection;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// The analysis of a rollout on a cluster: gives every request the router's arguments — <c>namespace</c>, <c>ingress</c> /
/// <c>route</c> (the routing object the canary router writes) and <c>service</c> (the candidate revision's Service) — with the
/// step's own args winning, and refuses a router template that does not read the chosen router's metrics.
/// </summary>
internal sealed class ClusterAnalysisRunner(IAnalysisRunner? inner, string @namespace, TrafficRouterChoice? router, Func<string, string, string> serviceName) : IAnalysisRunner
{
    /// <summary>The built-in template that reads the metrics of a router, or null when there is none (gateway, replicas).</summary>
    public static string? TemplateFor(TrafficRouterKind kind) => kind switch
    {
        TrafficRouterKind.Nginx => RouterCanaryTemplate.NginxName,
        TrafficRouterKind.OpenShift => RouterCanaryTemplate.OpenShiftRouterName,
        _ => null,
    };

    public Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refusal(request.Template) is { } message)
            return Task.FromResult(new RolloutAnalysisResult(AnalysisVerdict.Failed, message, []));
        return inner!.RunAsync(WithClusterArgs(request), cancellationToken);
    }

    public TimeSpan? ExpectedDuration(AnalysisRequest request) =>
        inner is null || Refusal(request.Template) is not null ? null : inner.ExpectedDuration(WithClusterArgs(request));

    public AnalysisRequest WithClusterArgs(AnalysisRequest request)
    {
        var objectName = router?.ObjectName ?? request.App;
        var args = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["namespace"] = @namespace,
            ["ingress"] = objectName,
            ["route"] = objectName,
            ["service"] = serviceName(request.App, request.Candidate.Revision),
        };
        foreach (var (key, value) in request.Args)
            args[key] = value;
        return request with { Args = args };
    }

    private string? Refusal(string template)
    {
        var routerTemplate = template is RouterCanaryTemplate.NginxName or RouterCanaryTemplate.OpenShiftRouterName;
        if (inner is null)
            return $"analysis '{template}' needs Prometheus: pass --prometheus-url <url of the Prometheus that scrapes the cluster's "
                + $"{(router is null ? "router" : router.Kind.ToString().ToLowerInvariant())}>{(router is null ? "" : Suggestion(router.Kind))}";
        if (!routerTemplate || router is null || TemplateFor(router.Kind) == template)
            return null;
        return $"analysis '{template}' reads another router's metrics, but this canary routes through {router.Kind.ToString().ToLowerInvariant()}{Suggestion(router.Kind)}";
    }

    private static string Suggestion(TrafficRouterKind kind) => TemplateFor(kind) is { } matching
        ? $"; its built-in template is '{matching}'."
        : kind == TrafficRouterKind.Gateway
            ? "; no built-in template reads Gateway API traffic (each implementation exports its own metrics): register one with RolloutAnalysis.ForPrometheus's extraTemplates through KubernetesDeployOptions.Analysis, or route with nginx or openshift."
            : "; no built-in template reads traffic split by replicas (there is no router to measure): measure the candidate's own metrics with a template registered through KubernetesDeployOptions.Analysis, or route with nginx or openshift.";
}

using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>The one options object a Kubernetes deployment's settings come from: cluster access, apply, rollout wait and analysis.</summary>
public sealed record KubernetesDeployOptions
{
    /// <summary>The manifest templates whose <c>defaults.yaml</c> is the values schema (templates/manifests).</summary>
    public required string TemplatesDirectory { get; init; }
    public ClusterAccessOptions Access { get; init; } = new();
    public ApplyOptions Apply { get; init; } = new();
    public RolloutWaitOptions Wait { get; init; } = new();
    /// <summary>Judges the analysis steps of canary and blue-green rollouts on the cluster; none: an analysis step fails the rollout, saying so.</summary>
    public IAnalysisRunner? Analysis { get; init; }
    /// <summary>
    /// The Prometheus that scrapes the cluster's router (<c>--prometheus-url</c>): without <see cref="Analysis"/>, analysis steps run the built-in
    /// templates through it ("nginx-canary" for rollout.trafficRouter nginx, "openshift-router-canary" for openshift).
    /// </summary>
    public Uri? PrometheusUrl { get; init; }
}

using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>The one options object a Kubernetes deployment's settings come from: cluster access, apply and rollout wait.</summary>
public sealed record KubernetesDeployOptions
{
    /// <summary>The manifest templates whose <c>defaults.yaml</c> is the values schema (templates/manifests).</summary>
    public required string TemplatesDirectory { get; init; }
    public ClusterAccessOptions Access { get; init; } = new();
    public ApplyOptions Apply { get; init; } = new();
    public RolloutWaitOptions Wait { get; init; } = new();
}

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>Which cluster, context and namespace a command talks to: how every message names where it happened.</summary>
public sealed record ClusterTarget(string Cluster, string Context, string Namespace, Uri Server)
{
    public override string ToString() => $"cluster '{Cluster}' ({Server}), context '{Context}', namespace '{Namespace}'";
}

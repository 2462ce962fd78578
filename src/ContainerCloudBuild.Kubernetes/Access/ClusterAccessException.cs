namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>The cluster cannot be reached or configured; the message names cluster, context and namespace, never a credential.</summary>
public sealed class ClusterAccessException(string message, Exception? inner = null) : Exception(message, inner);

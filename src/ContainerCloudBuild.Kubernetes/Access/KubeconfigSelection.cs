using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// The context a command uses out of the merged kubeconfig files: its cluster, its user and the target they name
/// (<c>--context</c> and <c>--namespace</c> override the kubeconfig). Errors name the context and cluster, never a credential.
/// </summary>
public sealed record KubeconfigSelection(K8SConfiguration Merged, string ContextName, Cluster Cluster, User? User, ClusterTarget Target)
{
    public static KubeconfigSelection Select(KubeconfigSource source, ClusterAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var loaded = new List<K8SConfiguration>();
        foreach (var file in source.Files)
        {
            try
            {
                loaded.Add(KubeconfigReader.Read(file));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException)
            {
                throw new ClusterAccessException($"The kubeconfig '{file}' ({source.Describe()}) cannot be read: {e.Message}", e);
            }
        }
        var merged = KubeconfigMerger.Merge(loaded);
        var contextName = options.Context is { Length: > 0 } chosen ? chosen : merged.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
            throw new ClusterAccessException($"The kubeconfig ({source.Describe()}) sets no current-context. Pass --context (one of: {ContextNames(merged)}).");
        var context = merged.Contexts.FirstOrDefault(c => c.Name == contextName)
            ?? throw new ClusterAccessException($"Context '{contextName}' is not in the kubeconfig ({source.Describe()}). Known contexts: {ContextNames(merged)}.");
        var clusterName = context.ContextDetails?.Cluster ?? "";
        var cluster = merged.Clusters.FirstOrDefault(c => c.Name == clusterName)
            ?? throw new ClusterAccessException($"Context '{contextName}' names cluster '{clusterName}', which the kubeconfig ({source.Describe()}) does not define.");
        var ns = options.Namespace is { Length: > 0 } n ? n : context.ContextDetails?.Namespace is { Length: > 0 } cn ? cn : "default";
        var where = $"Cluster '{clusterName}', context '{contextName}', namespace '{ns}'";
        if (!Uri.TryCreate(cluster.ClusterEndpoint?.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
            throw new ClusterAccessException($"{where}: the kubeconfig ({source.Describe()}) gives the cluster no server URL (http or https).");
        var user = merged.Users.FirstOrDefault(u => u.Name == context.ContextDetails?.User);
        return new KubeconfigSelection(merged, contextName, cluster, user, new ClusterTarget(clusterName, contextName, ns, server));
    }

    private static string ContextNames(K8SConfiguration merged) =>
        merged.Contexts?.Any() == true ? string.Join(", ", merged.Contexts.Select(c => c.Name)) : "(none)";
}

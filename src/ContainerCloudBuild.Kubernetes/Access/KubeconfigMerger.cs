using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// Merges kubeconfig files as kubectl does: for clusters, users and contexts the first file that defines a name wins,
/// and so does the first file that sets <c>current-context</c>. Relative certificate paths are made absolute against
/// the file that holds them, so entries from the second file still find their files.
/// </summary>
public static class KubeconfigMerger
{
    public static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
            throw new ArgumentException("At least one kubeconfig is needed.", nameof(files));
        var clusters = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, User>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, Context>(StringComparer.Ordinal);
        string? current = null;
        foreach (var file in files)
        {
            var folder = file.FileName is { Length: > 0 } name ? Path.GetDirectoryName(Path.GetFullPath(name)) : null;
            foreach (var cluster in file.Clusters ?? [])
            {
                if (cluster.ClusterEndpoint is { CertificateAuthority: { Length: > 0 } ca } endpoint)
                    endpoint.CertificateAuthority = Absolute(folder, ca);
                clusters.TryAdd(cluster.Name, cluster);
            }
            foreach (var user in file.Users ?? [])
            {
                if (user.UserCredentials is { } credentials)
                {
                    credentials.ClientCertificate = Absolute(folder, credentials.ClientCertificate);
                    credentials.ClientKey = Absolute(folder, credentials.ClientKey);
                }
                users.TryAdd(user.Name, user);
            }
            foreach (var context in file.Contexts ?? [])
                contexts.TryAdd(context.Name, context);
            if (current is null && file.CurrentContext is { Length: > 0 } set)
                current = set;
        }
        return new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = current,
            Clusters = [.. clusters.Values],
            Users = [.. users.Values],
            Contexts = [.. contexts.Values],
            FileName = files[0].FileName,
        };
    }

    private static string Absolute(string? folder, string path) =>
        string.IsNullOrEmpty(path) || folder is null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path));
}

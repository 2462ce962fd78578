namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>Which source <see cref="KubeconfigLocator"/> chose, and why (error messages say it).</summary>
public enum KubeconfigOrigin { ExplicitPath, KubeconfigVariable, DefaultPath, InCluster }

/// <summary>The kubeconfig files to merge, in precedence order (first wins), or the in-cluster service account.</summary>
public sealed record KubeconfigSource(KubeconfigOrigin Origin, IReadOnlyList<string> Files)
{
    public string Describe() => Origin switch
    {
        KubeconfigOrigin.ExplicitPath => $"--kubeconfig {Files[0]}",
        KubeconfigOrigin.KubeconfigVariable => $"KUBECONFIG={string.Join(Path.PathSeparator, Files)}",
        KubeconfigOrigin.DefaultPath => Files[0],
        _ => "the pod's service account (in-cluster)",
    };
}

/// <summary>Finds the kubeconfig as kubectl does: an explicit path, else <c>KUBECONFIG</c>, else <c>~/.kube/config</c>, else in-cluster.</summary>
public static class KubeconfigLocator
{
    public static KubeconfigSource Locate(ClusterAccessOptions options, ClusterEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(options.KubeconfigPath))
        {
            var path = Path.GetFullPath(options.KubeconfigPath);
            if (!environment.FileExists(path))
                throw new ClusterAccessException($"The kubeconfig '{path}' (--kubeconfig) does not exist. Pass the path of an existing kubeconfig.");
            return new KubeconfigSource(KubeconfigOrigin.ExplicitPath, [path]);
        }
        if (environment.Variable("KUBECONFIG") is { Length: > 0 } variable)
        {
            // kubectl ignores missing entries and empty items of the list; only an all-missing list is an error.
            var files = variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Where(environment.FileExists).ToList();
            if (files.Count == 0)
                throw new ClusterAccessException($"None of the files in KUBECONFIG ({variable}) exists. Fix the variable or pass --kubeconfig.");
            return new KubeconfigSource(KubeconfigOrigin.KubeconfigVariable, files);
        }
        var defaultPath = Path.Combine(environment.HomeDirectory, ".kube", "config");
        if (environment.FileExists(defaultPath))
            return new KubeconfigSource(KubeconfigOrigin.DefaultPath, [defaultPath]);
        if (environment.IsInCluster)
            return new KubeconfigSource(KubeconfigOrigin.InCluster, []);
        throw new ClusterAccessException(
            $"No cluster configured: no --kubeconfig, no KUBECONFIG, no {defaultPath}, and not running in a pod. Pass --kubeconfig <file> or set KUBECONFIG.");
    }
}

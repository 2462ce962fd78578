namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// Where the cluster comes from: <see cref="KubeconfigPath"/> (<c>--kubeconfig</c>), else <c>KUBECONFIG</c> (several files,
/// merged as kubectl merges them), else <c>~/.kube/config</c>, else the pod's service account when running in a cluster.
/// <see cref="Context"/> and <see cref="Namespace"/> override the kubeconfig's current context and its namespace.
/// </summary>
public sealed record ClusterAccessOptions
{
    public string? KubeconfigPath { get; init; }
    public string? Context { get; init; }
    public string? Namespace { get; init; }
}

/// <summary>What a process sees of its surroundings: variables, the home folder and files (a seam for tests).</summary>
public sealed record ClusterEnvironment(Func<string, string?> Variable, string HomeDirectory, Func<string, bool> FileExists)
{
    public static ClusterEnvironment Process { get; } = new(
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile),
        File.Exists);

    /// <summary>The service account's token, where every pod has it mounted.</summary>
    public const string ServiceAccountTokenPath = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    public bool IsInCluster =>
        !string.IsNullOrEmpty(Variable("KUBERNETES_SERVICE_HOST")) && FileExists(ServiceAccountTokenPath);
}

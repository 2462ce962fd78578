using ContainerCloudBuild.Secrets;
using k8s;
using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// An open client for one cluster, context and namespace. <see cref="Open"/> resolves the kubeconfig
/// (<see cref="KubeconfigLocator"/>), merges its files, picks the context and registers every credential it carries
/// (token, password, client key) with the <see cref="SecretMasker"/> before anything can print it.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private ClusterConnection(IKubernetes client, ClusterTarget target, KubeconfigSource source)
    {
        Client = client;
        Target = target;
        Source = source;
    }

    public IKubernetes Client { get; }
    public ClusterTarget Target { get; }
    public KubeconfigSource Source { get; }
    public string Namespace => Target.Namespace;

    public static ClusterConnection Open(ClusterAccessOptions options, SecretMasker masker, ClusterEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(masker);
        var source = KubeconfigLocator.Locate(options, environment ?? ClusterEnvironment.Process);
        var (configuration, target) = source.Origin == KubeconfigOrigin.InCluster ? InCluster(options) : FromFiles(source, options);
        masker.Register(configuration.AccessToken);
        masker.RegisterBasicCredentials(configuration.Username, configuration.Password);
        masker.Register(configuration.ClientCertificateKeyData);
        return new ClusterConnection(new k8s.Kubernetes(configuration), target, source);
    }

    /// <summary>Builds the client configuration and the target it names (no network).</summary>
    public static (KubernetesClientConfiguration Configuration, ClusterTarget Target) FromFiles(KubeconfigSource source, ClusterAccessOptions options)
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
        KubernetesClientConfiguration configuration;
        try
        {
            // kubectl accepts a user without credentials (kubectl proxy, an auth-less dev server); KubernetesClient refuses one,
            // so such a user gets a placeholder token for the build that is cleared again right after.
            var user = merged.Users.FirstOrDefault(u => u.Name == context.ContextDetails?.User);
            var credentialless = user is not null && HasNoCredentials(user.UserCredentials);
            if (credentialless)
                user!.UserCredentials = new UserCredentials { Token = "placeholder" };
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, contextName);
            if (credentialless)
                configuration.AccessToken = null;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new ClusterAccessException($"Cluster '{clusterName}', context '{contextName}', namespace '{ns}': the kubeconfig ({source.Describe()}) is not usable: {e.Message}", e);
        }
        configuration.Namespace = ns;
        return (configuration, new ClusterTarget(clusterName, contextName, ns, new Uri(cluster.ClusterEndpoint?.Server ?? configuration.Host)));
    }

    private static (KubernetesClientConfiguration, ClusterTarget) InCluster(ClusterAccessOptions options)
    {
        var configuration = KubernetesClientConfiguration.InClusterConfig();
        var ns = options.Namespace is { Length: > 0 } n ? n : configuration.Namespace is { Length: > 0 } pod ? pod : "default";
        configuration.Namespace = ns;
        return (configuration, new ClusterTarget("in-cluster", "in-cluster", ns, new Uri(configuration.Host)));
    }

    private static bool HasNoCredentials(UserCredentials? c) =>
        c is null || (string.IsNullOrEmpty(c.Token) && string.IsNullOrEmpty(c.ClientCertificateData) && string.IsNullOrEmpty(c.ClientCertificate)
            && string.IsNullOrEmpty(c.UserName) && c.AuthProvider is null && c.ExternalExecution is null);

    private static string ContextNames(K8SConfiguration merged) =>
        merged.Contexts?.Any() == true ? string.Join(", ", merged.Contexts.Select(c => c.Name)) : "(none)";

    public void Dispose() => Client.Dispose();
}

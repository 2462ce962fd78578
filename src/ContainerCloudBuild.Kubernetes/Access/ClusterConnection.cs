using System.Diagnostics.CodeAnalysis;
using ContainerCloudBuild.Secrets;
using k8s;
using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// An open channel to one cluster, context and namespace. <see cref="Open"/> resolves the kubeconfig
/// (<see cref="KubeconfigLocator"/>), merges its files, picks the context and registers every credential it carries
/// (token, password, client key) with the <see cref="SecretMasker"/> before anything can print it. Tokens, basic auth,
/// client certificates and CAs are connected by <see cref="ClusterHttp"/>; exec plugins, auth providers, impersonation
/// and the in-cluster service account by KubernetesClient (unless <see cref="KubernetesClientCredentialsSupported"/> is off).
/// Either way <see cref="Http"/> and the typed <see cref="Client"/> share one channel.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    /// <summary>
    /// Off in builds that trim KubernetesClient's credential code away (the Native AOT <c>ccb-apply</c>): such a build
    /// connects with tokens, basic auth and client certificates only and says so for the rest.
    /// </summary>
    public const string KubernetesClientCredentialsSwitch = "ContainerCloudBuild.Kubernetes.KubernetesClientCredentials";

    private readonly Lock _clientLock = new();
    private IKubernetes? _client;

    private ClusterConnection(ClusterHttp http, IKubernetes? client, ClusterTarget target, KubeconfigSource source)
    {
        Http = http;
        _client = client;
        Target = target;
        Source = source;
    }

    /// <summary>The authenticated channel every request goes through (untyped object access: <see cref="Apply.KubeApi"/>).</summary>
    public ClusterHttp Http { get; }

    /// <summary>KubernetesClient's typed API over <see cref="Http"/>, created on first use.</summary>
    public IKubernetes Client
    {
        get
        {
            lock (_clientLock)
                return _client ??= new k8s.Kubernetes(new KubernetesClientConfiguration { Host = Target.Server.ToString(), Namespace = Namespace }, new Forwarding(Http.Handler!));
        }
    }

    public ClusterTarget Target { get; }
    public KubeconfigSource Source { get; }
    public string Namespace => Target.Namespace;

    [FeatureSwitchDefinition(KubernetesClientCredentialsSwitch)]
    public static bool KubernetesClientCredentialsSupported => !AppContext.TryGetSwitch(KubernetesClientCredentialsSwitch, out var enabled) || enabled;

    public static ClusterConnection Open(ClusterAccessOptions options, SecretMasker masker, ClusterEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(masker);
        var source = KubeconfigLocator.Locate(options, environment ?? ClusterEnvironment.Process);
        KubeconfigSelection? selection = null;
        if (source.Origin != KubeconfigOrigin.InCluster)
        {
            selection = KubeconfigSelection.Select(source, options);
            var credentials = selection.User?.UserCredentials;
            masker.Register(credentials?.Token);
            masker.RegisterBasicCredentials(credentials?.UserName, credentials?.Password);
            masker.Register(credentials?.ClientKeyData);
            if (ClusterHttp.Supports(selection.User))
                return new ClusterConnection(ClusterHttp.FromKubeconfig(selection), null, selection.Target, source);
        }
        if (!KubernetesClientCredentialsSupported)
            throw new ClusterAccessException($"{(selection is null ? "The in-cluster service account" : $"The user of context '{selection.ContextName}' (exec plugin, auth provider or impersonation)")} " +
                $"needs KubernetesClient's credential code, which this build leaves out ({source.Describe()}). Use a token or client-certificate kubeconfig, or the ccb command.");
        var (configuration, target) = source.Origin == KubeconfigOrigin.InCluster ? InCluster(options) : FromFiles(selection!, source);
        masker.Register(configuration.AccessToken);
        var client = new k8s.Kubernetes(configuration);
        return new ClusterConnection(ClusterHttp.Through(client), client, target, source);
    }

    /// <summary>KubernetesClient's configuration for the context the options select, and the target it names (no network).</summary>
    public static (KubernetesClientConfiguration Configuration, ClusterTarget Target) FromFiles(KubeconfigSource source, ClusterAccessOptions options) =>
        FromFiles(KubeconfigSelection.Select(source, options), source);

    private static (KubernetesClientConfiguration, ClusterTarget) FromFiles(KubeconfigSelection selection, KubeconfigSource source)
    {
        var target = selection.Target;
        KubernetesClientConfiguration configuration;
        try
        {
            // kubectl accepts a user without credentials (kubectl proxy, an auth-less dev server); KubernetesClient refuses one,
            // so such a user gets a placeholder token for the build that is cleared again right after.
            var user = selection.User;
            var credentialless = user is not null && HasNoCredentials(user.UserCredentials);
            if (credentialless)
                user!.UserCredentials = new UserCredentials { Token = "placeholder" };
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(selection.Merged, selection.ContextName);
            if (credentialless)
                configuration.AccessToken = null;
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new ClusterAccessException($"Cluster '{target.Cluster}', context '{target.Context}', namespace '{target.Namespace}': the kubeconfig ({source.Describe()}) is not usable: {e.Message}", e);
        }
        configuration.Namespace = target.Namespace;
        return (configuration, target);
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

    public void Dispose()
    {
        _client?.Dispose();
        Http.Dispose();
    }

    /// <summary>Hands KubernetesClient's requests to the connection's channel (its own handler is never used).</summary>
    private sealed class Forwarding(HttpMessageHandler channel) : DelegatingHandler
    {
        private readonly HttpMessageInvoker _channel = new(channel, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _channel.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _channel.Dispose();
            base.Dispose(disposing);
        }
    }
}

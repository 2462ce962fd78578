using System.Net.Http.Headers;
using System.Text;
using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// The authenticated HTTP channel to one API server: <see cref="SendAsync"/> sends a request with the user's credentials
/// over the cluster's TLS settings (100 s timeout). Built from the kubeconfig (<see cref="FromKubeconfig"/>: its
/// <see cref="Handler"/> also carries KubernetesClient's typed calls) or over a KubernetesClient client (<see cref="Through"/>).
/// </summary>
public sealed class ClusterHttp : IDisposable
{
    private readonly HttpClient? _client;
    private readonly k8s.Kubernetes? _kubernetesClient;

    private ClusterHttp(Uri server, HttpMessageHandler? handler, k8s.Kubernetes? kubernetesClient)
    {
        BaseUri = new Uri(server.ToString().TrimEnd('/') + "/");
        Handler = handler;
        _client = handler is null ? null : new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseUri };
        _kubernetesClient = kubernetesClient;
    }

    public Uri BaseUri { get; }

    /// <summary>The authenticating handler of a channel built from the kubeconfig; null over a KubernetesClient client.</summary>
    internal HttpMessageHandler? Handler { get; }

    /// <summary>Sends <paramref name="request"/> (an absolute URI) with the user's credentials.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_client is not null)
            return await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (_kubernetesClient!.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await _kubernetesClient.HttpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether <see cref="FromKubeconfig"/> can connect as <paramref name="user"/>: tokens, basic auth, client certificates or none; exec plugins, auth providers and impersonation go through KubernetesClient.</summary>
    public static bool Supports(User? user) =>
        user?.UserCredentials is not { } c
        || (c.ExternalExecution is null && c.AuthProvider is null && string.IsNullOrEmpty(c.Impersonate) && c.ImpersonateGroups?.Any() != true);

    /// <summary>A channel built from the selected cluster and user (CA, <c>insecure-skip-tls-verify</c>, <c>tls-server-name</c>, client certificate, token or basic auth).</summary>
    public static ClusterHttp FromKubeconfig(KubeconfigSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!Supports(selection.User))
            throw new InvalidOperationException("Exec plugins, auth providers and impersonation connect through KubernetesClient.");
        var endpoint = selection.Cluster.ClusterEndpoint ?? new ClusterEndpoint();
        var credentials = selection.User?.UserCredentials;
        var transport = ClusterTls.CreateHandler(endpoint, credentials, selection.Target);
        return new ClusterHttp(selection.Target.Server, new ClusterAuthentication(Authorization(credentials)) { InnerHandler = transport }, null);
    }

    /// <summary>A channel over a KubernetesClient client (its credentials, including exec plugins and in-cluster tokens, and its TLS).</summary>
    public static ClusterHttp Through(k8s.Kubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClusterHttp(client.BaseUri, null, client);
    }

    private static AuthenticationHeaderValue? Authorization(UserCredentials? c) => c switch
    {
        { Token: { Length: > 0 } token } => new AuthenticationHeaderValue("Bearer", token),
        { UserName: { Length: > 0 } user } => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{c.Password}"))),
        _ => null,
    };

    public void Dispose()
    {
        _client?.Dispose();
        Handler?.Dispose();
    }

    /// <summary>Adds the user's Authorization header to every request that has none.</summary>
    private sealed class ClusterAuthentication(AuthenticationHeaderValue? authorization) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (authorization is not null)
                request.Headers.Authorization ??= authorization;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

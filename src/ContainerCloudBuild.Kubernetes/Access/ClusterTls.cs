using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.KubeConfigModels;

namespace ContainerCloudBuild.Kubernetes.Access;

/// <summary>
/// The transport to an API server as a kubeconfig describes it: the cluster's CA (data or file; the server's chain must
/// end at one of its certificates), <c>insecure-skip-tls-verify</c>, <c>tls-server-name</c>, and the user's client
/// certificate and key (data or files, PEM). Errors name the cluster, context and namespace and which field is wrong.
/// With <c>tls-server-name</c> the server's certificate must name that host instead of the URL's (the SNI stays the URL's host).
/// </summary>
internal static class ClusterTls
{
    public static SocketsHttpHandler CreateHandler(ClusterEndpoint endpoint, UserCredentials? user, ClusterTarget target)
    {
        var handler = new SocketsHttpHandler();
        try
        {
            if (endpoint.SkipTlsVerify)
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            else if (Authorities(endpoint, target) is var authorities && (authorities is not null || endpoint.TlsServerName is { Length: > 0 }))
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    Trusted(authorities, endpoint.TlsServerName, certificate as X509Certificate2, errors);
            if (ClientCertificate(user, target) is { } client)
                handler.SslOptions.ClientCertificates = [client];
            return handler;
        }
        catch
        {
            handler.Dispose();
            throw;
        }
    }

    private static X509Certificate2Collection? Authorities(ClusterEndpoint endpoint, ClusterTarget target)
    {
        if (endpoint.CertificateAuthorityData is { Length: > 0 } data)
            return Certificates(() => Decode(data), "certificate-authority-data", target);
        if (endpoint.CertificateAuthority is { Length: > 0 } file)
            return Certificates(() => File.ReadAllText(file), $"certificate-authority ({file})", target);
        return null;
    }

    private static X509Certificate2Collection Certificates(Func<string> pem, string field, ClusterTarget target)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem());
        }
        catch (Exception e) when (e is CryptographicException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw Unusable(target, $"the cluster's {field} is not a readable PEM certificate: {e.Message}", e);
        }
        return collection.Count > 0 ? collection : throw Unusable(target, $"the cluster's {field} holds no PEM certificate.", null);
    }

    /// <summary>As KubernetesClient decides: a chain the system trusts is fine; otherwise it must chain to one of the cluster's CAs.</summary>
    private static bool Trusted(X509Certificate2Collection? authorities, string? serverName, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
            return false;
        if (serverName is { Length: > 0 })
        {
            if (!certificate.MatchesHostname(serverName))
                return false;
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        }
        if (errors == SslPolicyErrors.None)
            return true;
        if (authorities is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2? ClientCertificate(UserCredentials? user, ClusterTarget target)
    {
        if (user is null)
            return null;
        var certificate = user.ClientCertificateData is { Length: > 0 } cd ? (Text: (Func<string>)(() => Decode(cd)), Field: "client-certificate-data")
            : user.ClientCertificate is { Length: > 0 } cf ? (() => File.ReadAllText(cf), $"client-certificate ({cf})") : default;
        var key = user.ClientKeyData is { Length: > 0 } kd ? (Text: (Func<string>)(() => Decode(kd)), Field: "client-key-data")
            : user.ClientKey is { Length: > 0 } kf ? (() => File.ReadAllText(kf), $"client-key ({kf})") : default;
        if (certificate.Text is null && key.Text is null)
            return null;
        if (certificate.Text is null || key.Text is null)
            throw Unusable(target, $"the user sets {certificate.Field ?? key.Field} without its {(certificate.Text is null ? "client-certificate" : "client-key")}.", null);
        try
        {
            return X509Certificate2.CreateFromPem(certificate.Text(), key.Text());
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            // The exception's message never quotes the key: CreateFromPem reports only what it could not find or decode.
            throw Unusable(target, $"the user's {certificate.Field} and {key.Field} are not a PEM certificate and its private key: {e.Message}", e);
        }
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));

    private static ClusterAccessException Unusable(ClusterTarget target, string problem, Exception? inner) =>
        new($"Cluster '{target.Cluster}', context '{target.Context}', namespace '{target.Namespace}': {problem}", inner);
}

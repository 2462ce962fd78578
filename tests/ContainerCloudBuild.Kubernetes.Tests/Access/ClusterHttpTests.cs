using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Tests.Access;

/// <summary>The connection's own channel against a real HTTPS server on 127.0.0.1: CA, client certificate, token, skip-verify, server name.</summary>
public sealed class ClusterHttpTests
{
    private const string Token = "token-of-the-tls-test-0123456789";
    private static readonly ResourceId Settings = new(ResourceKind.Find("v1", "ConfigMap")!, "team", "settings");

    [Fact]
    public async Task Open_CertificateAuthorityDataAndToken_TrustsServerAndSendsBearerToken()
    {
        using var certificates = new TestCertificates();
        await using var server = await TlsApiServer.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        using var connection = Open(temp, server, Cluster(certificates, "certificate-authority-data"), $"token: {Token}");

        var found = await new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken);

        Assert.Equal("settings", found!["metadata"]!["name"]!.GetValue<string>());
        var request = Assert.Single(server.Received);
        Assert.Equal(("/api/v1/namespaces/team/configmaps/settings", "Bearer " + Token, null), (request.Path, request.Authorization, request.ClientSubject));
    }

    [Fact]
    public async Task Open_CertificateAuthorityFileAndClientCertificateData_ServerSeesTheClientCertificate()
    {
        using var certificates = new TestCertificates();
        await using var server = await TlsApiServer.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        temp.WriteFile("ca.crt", TestCertificates.Pem(certificates.Authority));
        var user = $"client-certificate-data: {TestCertificates.Base64(TestCertificates.Pem(certificates.Client))}\n    client-key-data: {TestCertificates.Base64(TestCertificates.KeyPem(certificates.Client))}";
        using var connection = Open(temp, server, "certificate-authority: ca.crt", user);

        await new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Received);
        Assert.Equal(("CN=ccb-test-user", null), (request.ClientSubject, request.Authorization));
    }

    [Fact]
    public async Task Client_TypedCallWithClientCertificateFiles_GoesThroughTheSameChannel()
    {
        using var certificates = new TestCertificates();
        await using var server = await TlsApiServer.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        temp.WriteFile("certs/user.crt", TestCertificates.Pem(certificates.Client));
        temp.WriteFile("certs/user.key", TestCertificates.KeyPem(certificates.Client));
        using var connection = Open(temp, server, Cluster(certificates, "certificate-authority-data"), "client-certificate: certs/user.crt\n    client-key: certs/user.key");

        var configMap = await connection.Client.CoreV1.ReadNamespacedConfigMapAsync("typed", "team", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("typed", configMap.Metadata.Name);
        Assert.Equal("CN=ccb-test-user", Assert.Single(server.Received).ClientSubject);
    }

    [Fact]
    public async Task Open_ServerFromAnotherAuthority_FailsNamingTheClusterWithoutToken()
    {
        using var certificates = new TestCertificates();
        using var unrelated = TestCertificates.SelfIssuedServer();
        await using var server = await TlsApiServer.StartAsync(unrelated, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        using var connection = Open(temp, server, Cluster(certificates, "certificate-authority-data"), $"token: {Token}");

        var e = await Assert.ThrowsAsync<KubeApiException>(() => new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken));

        Assert.Contains("Cannot reach the API server of cluster 'tls'", e.Message, StringComparison.Ordinal);
        Assert.Contains("context 'ctx', namespace 'team'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, e.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Open_InsecureSkipTlsVerify_AcceptsAServerNoAuthorityVouchesFor()
    {
        using var unrelated = TestCertificates.SelfIssuedServer();
        await using var server = await TlsApiServer.StartAsync(unrelated, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        using var connection = Open(temp, server, "insecure-skip-tls-verify: true", $"token: {Token}");

        await new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken);

        Assert.Equal("Bearer " + Token, Assert.Single(server.Received).Authorization);
    }

    [Fact]
    public async Task Open_TlsServerName_ValidatesTheCertificateForThatName()
    {
        using var certificates = new TestCertificates("kube.internal.example");
        await using var server = await TlsApiServer.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        var server127 = new Uri($"https://localhost:{server.BaseAddress.Port}/"); // the certificate names 127.0.0.1 and kube.internal.example, not localhost
        using var connection = Open(temp, server127, Cluster(certificates, "certificate-authority-data") + "\n    tls-server-name: kube.internal.example", $"token: {Token}");
        using var unnamed = Open(temp, server127, Cluster(certificates, "certificate-authority-data"), $"token: {Token}", "other");

        await new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<KubeApiException>(() => new KubeApi(unnamed).GetAsync(Settings, TestContext.Current.CancellationToken));

        Assert.Single(server.Received);
    }

    [Fact]
    public void Open_ClientKeyMissing_ThrowsNamingClusterContextNamespaceWithoutSecrets()
    {
        using var certificates = new TestCertificates();
        using var temp = new TempDirectory();
        var certificate = TestCertificates.Base64(TestCertificates.Pem(certificates.Client));

        var e = Assert.Throws<ClusterAccessException>(() => Open(temp, new Uri("https://127.0.0.1:1/"), "insecure-skip-tls-verify: true", $"client-certificate-data: {certificate}"));

        Assert.Equal("Cluster 'tls', context 'ctx', namespace 'team': the user sets client-certificate-data without its client-key.", e.Message);
    }

    [Fact]
    public void Open_MalformedClientKey_ThrowsNamingTheFieldsWithoutTheKey()
    {
        using var certificates = new TestCertificates();
        using var temp = new TempDirectory();
        var key = TestCertificates.Base64("-----BEGIN PRIVATE KEY-----\nbm90LWEta2V5LXNlY3JldC0wMTIz\n-----END PRIVATE KEY-----\n");
        var user = $"client-certificate-data: {TestCertificates.Base64(TestCertificates.Pem(certificates.Client))}\n    client-key-data: {key}";
        var masker = new SecretMasker();

        var e = Assert.Throws<ClusterAccessException>(() => Open(temp, new Uri("https://127.0.0.1:1/"), "insecure-skip-tls-verify: true", user, masker: masker));

        Assert.StartsWith("Cluster 'tls', context 'ctx', namespace 'team': the user's client-certificate-data and client-key-data are not", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90LWEta2V5", e.ToString(), StringComparison.Ordinal);
        Assert.Equal("***", masker.Apply(key));
    }

    [Fact]
    public void Open_CertificateAuthorityDataNotPem_ThrowsNamingTheField()
    {
        using var temp = new TempDirectory();

        var e = Assert.Throws<ClusterAccessException>(() =>
            Open(temp, new Uri("https://127.0.0.1:1/"), $"certificate-authority-data: {TestCertificates.Base64("not a certificate")}", $"token: {Token}"));

        Assert.Equal("Cluster 'tls', context 'ctx', namespace 'team': the cluster's certificate-authority-data holds no PEM certificate.", e.Message);
    }

    [Fact]
    public async Task Open_ExecPlugin_ConnectsThroughKubernetesClientWithThePluginsToken()
    {
        using var certificates = new TestCertificates();
        await using var server = await TlsApiServer.StartAsync(certificates.Server, TestContext.Current.CancellationToken);
        using var temp = new TempDirectory();
        var plugin = temp.WriteFile("plugin.sh",
            "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"" + Token + "\"}}'\n");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The exec plugin here is a shell script.");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var connection = Open(temp, server, Cluster(certificates, "certificate-authority-data"),
            $"exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {plugin}\n      interactiveMode: Never");

        await new KubeApi(connection).GetAsync(Settings, TestContext.Current.CancellationToken);
        await connection.Client.CoreV1.ReadNamespacedConfigMapAsync("typed", "team", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, server.Received.Count);
        Assert.All(server.Received, request => Assert.Equal("Bearer " + Token, request.Authorization));
    }

    private static string Cluster(TestCertificates certificates, string field) =>
        $"{field}: {TestCertificates.Base64(TestCertificates.Pem(certificates.Authority))}";

    private static ClusterConnection Open(TempDirectory temp, TlsApiServer server, string cluster, string user) =>
        Open(temp, server.BaseAddress, cluster, user);

    private static ClusterConnection Open(TempDirectory temp, Uri server, string cluster, string user, string file = "kubeconfig", SecretMasker? masker = null)
    {
        var path = temp.WriteFile(file, $"""
            apiVersion: v1
            kind: Config
            current-context: ctx
            clusters:
            - name: tls
              cluster:
                server: {server}
                {cluster}
            users:
            - name: u
              user:
                {user}
            contexts:
            - name: ctx
              context:
                cluster: tls
                user: u
                namespace: team
            """);
        return ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = path }, masker ?? new SecretMasker());
    }
}

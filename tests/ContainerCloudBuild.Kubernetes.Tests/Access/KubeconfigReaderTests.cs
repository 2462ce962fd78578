using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Tests.Access;

public sealed class KubeconfigReaderTests
{
    private const string Full = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: alpha
          cluster:
            server: https://alpha.example:6443
            certificate-authority-data: Q0EtREFUQQ==
            tls-server-name: api.alpha
            insecure-skip-tls-verify: true
        - name: beta
          cluster:
            server: https://beta.example:6443
            certificate-authority: /etc/beta/ca.crt
        users:
        - name: exec-user
          user:
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: get-token
              args: ["--cluster", "alpha"]
              env:
              - name: REGION
                value: eu-1
              installHint: install get-token
              provideClusterInfo: true
        - name: cert-user
          user:
            client-certificate: /etc/certs/user.crt
            client-key: /etc/certs/user.key
            as: admin
            as-groups: [ops, dev]
            as-user-extra:
              team: payments
        - name: basic-user
          user:
            username: alice
            password: "1234"
            token: t0ken
            auth-provider:
              name: oidc
              config:
                client-id: ccb
        contexts:
        - name: dev
          context:
            cluster: alpha
            user: exec-user
            namespace: apps
        - name: ops
          context:
            cluster: beta
            user: cert-user
        """;

    [Fact]
    public void Read_EveryDocumentedField_SameAsKubernetesClientReads()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("config", Full);

        var ours = KubeconfigReader.Read(file);

        var theirs = KubernetesClientConfiguration.LoadKubeConfig(file, useRelativePaths: false);
        Assert.Equal(ours.CurrentContext, theirs.CurrentContext);
        Assert.Equal(KubernetesJson.Serialize(theirs.Clusters), KubernetesJson.Serialize(ours.Clusters));
        Assert.Equal(KubernetesJson.Serialize(theirs.Contexts), KubernetesJson.Serialize(ours.Contexts));
        Assert.Equal(KubernetesJson.Serialize(theirs.Users), KubernetesJson.Serialize(ours.Users));
    }

    [Fact]
    public void Open_KubeconfigNotYaml_ThrowsNamingTheFile()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("broken", "clusters: [\n  - name: a\n   bad");

        var e = Assert.Throws<ClusterAccessException>(() => ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = file }, new SecretMasker()));

        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }
}

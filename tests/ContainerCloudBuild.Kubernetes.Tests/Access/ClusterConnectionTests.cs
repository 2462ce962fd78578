using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Access;

public sealed class ClusterConnectionTests
{
    private const string TokenA = "token-of-cluster-a-0123456789";
    private const string TokenB = "token-of-cluster-b-9876543210";

    [Fact]
    public void FromFiles_TwoFilesDefineSameContext_FirstFileWinsLikeKubectl()
    {
        using var temp = new TempDirectory();
        var a = temp.WriteFile("a", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, "shared", ("shared", "team-a")));
        var b = temp.WriteFile("b", Kubeconfigs.With("beta", "https://beta.example:6443", "ub", TokenB, "only-b", ("shared", "team-b"), ("only-b", null)));
        var source = new KubeconfigSource(KubeconfigOrigin.KubeconfigVariable, [a, b]);

        var (configuration, target) = ClusterConnection.FromFiles(source, new ClusterAccessOptions());

        Assert.Equal(new ClusterTarget("alpha", "shared", "team-a", new Uri("https://alpha.example:6443")), target);
        Assert.Equal(TokenA, configuration.AccessToken);
    }

    [Fact]
    public void FromFiles_ContextOnlyInSecondFile_IsFoundWithItsCluster()
    {
        using var temp = new TempDirectory();
        var a = temp.WriteFile("a", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, null, ("ctx-a", null)));
        var b = temp.WriteFile("b", Kubeconfigs.With("beta", "https://beta.example:6443", "ub", TokenB, "only-b", ("only-b", "payments")));

        var (configuration, target) = ClusterConnection.FromFiles(new KubeconfigSource(KubeconfigOrigin.KubeconfigVariable, [a, b]), new ClusterAccessOptions());

        Assert.Equal(("beta", "only-b", "payments"), (target.Cluster, target.Context, target.Namespace));
        Assert.Equal(TokenB, configuration.AccessToken);
    }

    [Fact]
    public void FromFiles_ContextAndNamespaceParameters_OverrideTheKubeconfig()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("c", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, "one", ("one", "ns-one"), ("two", "ns-two")));

        var (_, target) = ClusterConnection.FromFiles(new KubeconfigSource(KubeconfigOrigin.ExplicitPath, [file]),
            new ClusterAccessOptions { Context = "two", Namespace = "override" });

        Assert.Equal(("two", "override"), (target.Context, target.Namespace));
    }

    [Fact]
    public void FromFiles_NoNamespaceAnywhere_UsesDefault()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("c", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, "one", ("one", null)));
        var (_, target) = ClusterConnection.FromFiles(new KubeconfigSource(KubeconfigOrigin.ExplicitPath, [file]), new ClusterAccessOptions());
        Assert.Equal("default", target.Namespace);
    }

    [Fact]
    public void FromFiles_UnknownContext_ThrowsNamingKnownContextsWithoutToken()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("c", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, "one", ("one", null), ("two", null)));

        var e = Assert.Throws<ClusterAccessException>(() =>
            ClusterConnection.FromFiles(new KubeconfigSource(KubeconfigOrigin.ExplicitPath, [file]), new ClusterAccessOptions { Context = "prod" }));

        Assert.Contains("'prod'", e.Message, StringComparison.Ordinal);
        Assert.Contains("one, two", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenA, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_KubeconfigWithToken_RegistersTokenWithMasker()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("c", Kubeconfigs.With("alpha", "https://alpha.example:6443", "ua", TokenA, "one", ("one", "apps")));
        var masker = new SecretMasker();

        using var connection = ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = file }, masker);

        Assert.Equal("Bearer ***", masker.Apply("Bearer " + TokenA));
        Assert.Equal("cluster 'alpha' (https://alpha.example:6443/), context 'one', namespace 'apps'", connection.Target.ToString());
    }
}

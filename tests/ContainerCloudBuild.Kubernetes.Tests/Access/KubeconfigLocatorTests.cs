using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Access;

public sealed class KubeconfigLocatorTests
{
    private static ClusterEnvironment Environment(string home, Dictionary<string, string> variables, params string[] files) =>
        new(v => variables.GetValueOrDefault(v), home, f => files.Contains(f) || File.Exists(f));

    [Fact]
    public void Locate_ExplicitPath_WinsOverKubeconfigVariable()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile("explicit", "x");
        var other = temp.WriteFile("other", "x");
        var source = KubeconfigLocator.Locate(new ClusterAccessOptions { KubeconfigPath = file }, Environment(temp.Path, new() { ["KUBECONFIG"] = other }));
        Assert.Equal(KubeconfigOrigin.ExplicitPath, source.Origin);
        Assert.Equal([file], source.Files);
    }

    [Fact]
    public void Locate_MissingExplicitPath_ThrowsNamingPath()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("nope.yaml");
        var e = Assert.Throws<ClusterAccessException>(() => KubeconfigLocator.Locate(new ClusterAccessOptions { KubeconfigPath = missing }, Environment(temp.Path, [])));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("--kubeconfig", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_KubeconfigVariableWithSeveralFiles_KeepsOrderAndSkipsMissing()
    {
        using var temp = new TempDirectory();
        var first = temp.WriteFile("a", "x");
        var second = temp.WriteFile("b", "x");
        var variable = string.Join(Path.PathSeparator, first, temp.Combine("missing"), "", second);
        var source = KubeconfigLocator.Locate(new ClusterAccessOptions(), Environment(temp.Path, new() { ["KUBECONFIG"] = variable }));
        Assert.Equal(KubeconfigOrigin.KubeconfigVariable, source.Origin);
        Assert.Equal([first, second], source.Files);
    }

    [Fact]
    public void Locate_NothingButHomeConfig_UsesDefaultPath()
    {
        using var temp = new TempDirectory();
        var file = temp.WriteFile(".kube/config", "x");
        var source = KubeconfigLocator.Locate(new ClusterAccessOptions(), Environment(temp.Path, []));
        Assert.Equal(new KubeconfigSource(KubeconfigOrigin.DefaultPath, [file]).Files, source.Files);
        Assert.Equal(KubeconfigOrigin.DefaultPath, source.Origin);
    }

    [Fact]
    public void Locate_InPodWithoutKubeconfig_UsesServiceAccount()
    {
        using var temp = new TempDirectory();
        var source = KubeconfigLocator.Locate(new ClusterAccessOptions(),
            Environment(temp.Path, new() { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1" }, ClusterEnvironment.ServiceAccountTokenPath));
        Assert.Equal(KubeconfigOrigin.InCluster, source.Origin);
    }

    [Fact]
    public void Locate_NoConfigAnywhere_ThrowsSayingHowToFix()
    {
        using var temp = new TempDirectory();
        var e = Assert.Throws<ClusterAccessException>(() => KubeconfigLocator.Locate(new ClusterAccessOptions(), Environment(temp.Path, [])));
        Assert.Contains("KUBECONFIG", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, ".kube", "config"), e.Message, StringComparison.Ordinal);
    }
}

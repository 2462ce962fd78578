using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using ContainerCloudBuild.Testing;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class KubeconfigTests
{
    [Fact]
    public async Task WriteKubeconfig_LoadedByKubernetesClient_UsesContextAndNamespace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RunControllers = false }, ct);
        using var dir = new TempDirectory("kubefake");
        var path = dir.Combine("config");

        api.WriteKubeconfig(path, context: "ci", @namespace: "kube-system");
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        using var client = new k8s.Kubernetes(config);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("through-kubeconfig"), config.Namespace, cancellationToken: ct);

        Assert.Equal("ci", config.CurrentContext);
        Assert.Equal("kube-system", config.Namespace);
        Assert.NotNull(api.Store.Get<k8s.Models.V1ConfigMap>("kube-system", "through-kubeconfig"));
        Assert.StartsWith("http://127.0.0.1:", api.BaseAddress.ToString(), StringComparison.Ordinal);
    }
}

using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ApplySetKubectlTests
{
    private static readonly Dictionary<string, string> ApplySetsEnabled = new() { ["KUBECTL_APPLYSET"] = "true" };

    [Fact]
    public async Task Id_ParentKubectlCreates_CarriesTheSameId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var manifest = Path.Combine(Path.GetDirectoryName(cluster.Kubeconfig)!, "probe.yaml");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe-member\ndata:\n  a: b\n", ct);

        var (exit, output) = await KubectlProcess.RunAsync(cluster.Kubeconfig, ApplySetsEnabled, ct,
            "apply", "--server-side", "--prune", "--applyset=configmap/ccb-applyset-probe", "-n", cluster.Namespace, "-f", manifest);

        Assert.True(exit == 0, output);
        var parent = cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "ccb-applyset-probe")!;
        Assert.Equal(parent.Metadata.Labels[ApplySetRecord.IdLabel], new ApplySetRecord("probe", cluster.Namespace).Id);
    }

    [Fact]
    public async Task Parent_OurApplySet_KubectlRecognisesItAsAnotherToolsAndLeavesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        await new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue)
            .ApplyAsync("orders", await cluster.RenderAsync("orders", "1", 1, "", ct), new ApplyOptions(), ct);
        var manifest = Path.Combine(Path.GetDirectoryName(cluster.Kubeconfig)!, "empty.yaml");
        await File.WriteAllTextAsync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: intruder\n", ct);

        var (exit, output) = await KubectlProcess.RunAsync(cluster.Kubeconfig, ApplySetsEnabled, ct,
            "apply", "--server-side", "--prune", "--applyset=configmap/ccb-applyset-orders", "-n", cluster.Namespace, "-f", manifest);

        Assert.NotEqual(0, exit);
        Assert.Contains("managed by tooling \"containercloudbuild\"", output, StringComparison.Ordinal);
        Assert.Null(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "intruder"));
        Assert.NotNull(cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "orders"));
    }
}

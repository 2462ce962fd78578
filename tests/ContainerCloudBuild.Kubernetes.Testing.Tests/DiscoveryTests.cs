using k8s;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Version_FromKubernetesClient_Reports132()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();

        var version = await client.Version.GetCodeAsync(ct);

        Assert.Equal("1", version.Major);
        Assert.Equal("32", version.Minor);
    }

    [Fact]
    public async Task ApiGroups_ListAppsNetworkingRbacCoordinationPolicy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();

        var groups = await client.Apis.GetAPIVersionsAsync(ct);

        Assert.Superset(
            new HashSet<string> { "apps", "networking.k8s.io", "rbac.authorization.k8s.io", "coordination.k8s.io", "policy", "autoscaling" },
            groups.Groups.Select(g => g.Name).ToHashSet());
    }

    [Fact]
    public async Task CoreResources_ListPodsWithLogAndStatusSubresources()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();

        var resources = await client.CoreV1.GetAPIResourcesAsync(ct);
        var apps = await client.AppsV1.GetAPIResourcesAsync(ct);

        Assert.Contains(resources.Resources, r => r.Name == "pods/log");
        Assert.Contains(resources.Resources, r => r.Name == "configmaps" && r.Namespaced && r.Kind == "ConfigMap");
        Assert.Contains(resources.Resources, r => r.Name == "namespaces" && !r.Namespaced);
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
    }
}

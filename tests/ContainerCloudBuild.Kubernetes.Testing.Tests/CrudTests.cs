using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class CrudTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    [Fact]
    public async Task Create_ConfigMap_SetsUidResourceVersionGenerationAndTimestamp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), "default", cancellationToken: ct);
        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default", cancellationToken: ct);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("value", read.Data["key"]);
        Assert.Equal("default", read.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task Create_Twice_Returns409AlreadyExistsStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), "default", cancellationToken: ct);

        var (code, status) = await ApiErrors.FailureOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), "default", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", status.Reason);
        Assert.Equal("configmaps \"settings\" already exists", status.Message);
    }

    [Fact]
    public async Task Read_Missing_Returns404NotFoundNamingResource()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        var (code, status) = await ApiErrors.FailureOf(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("NotFound", status.Reason);
        Assert.Equal("deployments.apps \"web\" not found", status.Message);
        Assert.Equal(404, status.Code);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Returns409Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        var first = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), "default", cancellationToken: ct);
        first.Data["key"] = "second";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "settings", "default", cancellationToken: ct);

        first.Data["key"] = "stale";
        var (code, status) = await ApiErrors.FailureOf(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "settings", "default", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status.Reason);
        Assert.Contains("the object has been modified", status.Message, StringComparison.Ordinal);
        Assert.Equal("second", (await client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default", cancellationToken: ct)).Data["key"]);
    }

    [Fact]
    public async Task Replace_SpecChangeBumpsGenerationLabelChangeDoesNot()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        var deployment = await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1"), "default", cancellationToken: ct);

        deployment.Metadata.Labels["team"] = "a";
        deployment = await client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default", cancellationToken: ct);
        var afterLabel = deployment.Metadata.Generation;
        deployment.Spec.Replicas = 3;
        deployment = await client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default", cancellationToken: ct);

        Assert.Equal(1, afterLabel);
        Assert.Equal(2, deployment.Metadata.Generation);
    }

    [Fact]
    public async Task List_WithLabelSelector_ReturnsMatchingOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a", labels: new() { ["tier"] = "web" }), "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("b", labels: new() { ["tier"] = "db" }), "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("c"), "default", cancellationToken: ct);

        var web = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier=web", cancellationToken: ct);
        var notWeb = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "tier,tier notin (web)", cancellationToken: ct);

        Assert.Equal(["a"], web.Items.Select(i => i.Metadata.Name));
        Assert.Equal(["b"], notWeb.Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForNamespace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        var (code, status) = await ApiErrors.FailureOf(() => client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("x"), "tenant-a", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"tenant-a\" not found", status.Message);
    }

    [Fact]
    public async Task DeleteNamespace_RemovesItsObjectsOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        foreach (var ns in new[] { "tenant-a", "tenant-b" })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
            await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), ns, cancellationToken: ct);
        }

        await client.CoreV1.DeleteNamespaceAsync("tenant-a", cancellationToken: ct);

        Assert.Empty(api.Store.List<V1ConfigMap>("tenant-a"));
        Assert.Single(api.Store.List<V1ConfigMap>("tenant-b"));
        Assert.Null(api.Store.Get<V1Namespace>(null, "tenant-a"));
    }

    [Fact]
    public async Task RequestLog_CountsRequestsByMethodAndPath()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a"), "default", cancellationToken: ct);
        await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: ct);

        Assert.Equal(1, api.RequestLog.Count("POST", "/api/v1/namespaces/default/configmaps"));
        Assert.Equal(1, api.RequestLog.Count("GET", "/api/v1/namespaces/default/configmaps"));
    }

    [Fact]
    public async Task DeleteCollection_WithLabelSelector_DeletesMatchingOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("a", labels: new() { ["owner"] = "ccb" }), "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("b"), "default", cancellationToken: ct);

        await client.CoreV1.DeleteCollectionNamespacedConfigMapAsync("default", labelSelector: "owner=ccb", cancellationToken: ct);

        Assert.Equal(["b"], api.Store.List<V1ConfigMap>("default").Select(c => c.Metadata.Name));
    }
}

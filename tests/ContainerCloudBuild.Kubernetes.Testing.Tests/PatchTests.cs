using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class PatchTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    [Fact]
    public async Task MergePatch_NullRemovesKeyAndValueReplaces()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings", new() { ["a"] = "1", ["b"] = "2" }), "default", cancellationToken: ct);

        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"a\":null,\"b\":\"3\"}}", V1Patch.PatchType.MergePatch), "settings", "default", cancellationToken: ct);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "3" }, patched.Data);
    }

    [Fact]
    public async Task JsonPatch_AddReplaceRemove_AppliesInOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings", new() { ["a"] = "1", ["b"] = "2" }), "default", cancellationToken: ct);
        const string ops = "[{\"op\":\"add\",\"path\":\"/data/c\",\"value\":\"9\"},{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"x\"},{\"op\":\"remove\",\"path\":\"/data/b\"}]";

        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(ops, V1Patch.PatchType.JsonPatch), "settings", "default", cancellationToken: ct);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "x", ["c"] = "9" }, patched.Data);
    }

    [Fact]
    public async Task JsonPatch_FailedTest_Returns422AndLeavesObject()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings", new() { ["a"] = "1" }), "default", cancellationToken: ct);
        const string ops = "[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"2\"},{\"op\":\"remove\",\"path\":\"/data/a\"}]";

        var (code, _) = await ApiErrors.FailureOf(() => client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(ops, V1Patch.PatchType.JsonPatch), "settings", "default", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("1", api.Store.Get<V1ConfigMap>("default", "settings")!.Data["a"]);
    }

    [Fact]
    public async Task StrategicMergePatch_ContainersMergeByName()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1"), "default", cancellationToken: ct);
        const string patch = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}";

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", "default", cancellationToken: ct);

        var container = Assert.Single(patched.Spec.Template.Spec.Containers);
        Assert.Equal("nginx:2", container.Image);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Create_UnknownFieldStrict_Returns400AndWarnModeAddsWarningHeader()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        const string body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"settings\"},\"datta\":{}}";

        using var strict = await http.PostAsync("api/v1/namespaces/default/configmaps?fieldValidation=Strict", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
        using var warn = await http.PostAsync("api/v1/namespaces/default/configmaps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.Contains("unknown field \"datta\"", KubernetesJson.Deserialize<V1Status>(await strict.Content.ReadAsStringAsync(ct)).Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, warn.StatusCode);
        Assert.Contains("datta", string.Join(" ", warn.Headers.GetValues("Warning")), StringComparison.Ordinal);
    }
}

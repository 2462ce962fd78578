using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class ServerSideApplyTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    private static Task<V1Deployment> ApplyAsync(k8s.Kubernetes client, V1Deployment body, string manager, bool force, CancellationToken ct, string? dryRun = null) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), body.Metadata.Name, "default",
            dryRun: dryRun, fieldManager: manager, force: force, cancellationToken: ct);

    [Fact]
    public async Task Apply_New_CreatesWithManagedFieldsForManager()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 2), "ccb", force: false, ct);

        var entry = Assert.Single(applied.Metadata.ManagedFields);
        Assert.Equal("ccb", entry.Manager);
        Assert.Equal("Apply", entry.Operation);
        Assert.Equal("FieldsV1", entry.FieldsType);
        var fields = KubernetesJson.Serialize(entry.FieldsV1);
        Assert.Contains("\"f:replicas\":{}", fields, StringComparison.Ordinal);
        Assert.Contains("k:{\\u0022name\\u0022:\\u0022app\\u0022}", fields, StringComparison.Ordinal);
        Assert.Equal(2, api.Store.Get<V1Deployment>("default", "web")!.Spec.Replicas);
    }

    [Fact]
    public async Task Apply_FieldOwnedByOtherManagerWithDifferentValue_Returns409NamingFieldAndManager()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 2), "ccb", force: false, ct);

        var (code, status) = await ApiErrors.FailureOf(() => ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 5), "hpa-like", force: false, ct));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", status.Reason);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(".spec.replicas", cause.Field);
        Assert.Equal("FieldManagerConflict", cause.Reason);
        Assert.Contains("\"ccb\"", status.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.Store.Get<V1Deployment>("default", "web")!.Spec.Replicas);
    }

    [Fact]
    public async Task Apply_SameValueByTwoManagers_SharesOwnershipWithoutConflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 2), "ccb", force: false, ct);

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 2), "other", force: false, ct);

        Assert.Equal(["ccb", "other"], applied.Metadata.ManagedFields.Select(m => m.Manager).Order());
    }

    [Fact]
    public async Task Apply_Forced_TakesFieldFromOtherManager()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 2), "ccb", force: false, ct);

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 5), "hpa-like", force: true, ct);

        Assert.Equal(5, applied.Spec.Replicas);
        var ccb = applied.Metadata.ManagedFields.Single(m => m.Manager == "ccb");
        Assert.DoesNotContain("f:replicas", KubernetesJson.Serialize(ccb.FieldsV1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FieldNoLongerApplied_IsRemoved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        var first = Objects.Deployment("web", "nginx:1");
        first.Metadata.Labels["team"] = "payments";
        first.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await ApplyAsync(client, first, "ccb", force: false, ct);

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:1"), "ccb", force: false, ct);

        Assert.False(applied.Metadata.Labels.ContainsKey("team"));
        Assert.Equal(["app"], applied.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task Apply_FieldSetByUpdateManager_SurvivesApplierDroppingIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await ApplyAsync(client, Objects.Deployment("web", "nginx:1"), "ccb", force: false, ct);
        var patch = new V1Patch("{\"metadata\":{\"annotations\":{\"note\":\"by hand\"}}}", V1Patch.PatchType.MergePatch);
        await client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", "default", fieldManager: "kubectl-edit", cancellationToken: ct);

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:2"), "ccb", force: false, ct);

        Assert.Equal("by hand", applied.Metadata.Annotations["note"]);
        Assert.Equal("nginx:2", applied.Spec.Template.Spec.Containers[0].Image);
        Assert.Contains(applied.Metadata.ManagedFields, m => m.Manager == "kubectl-edit" && m.Operation == "Update");
    }

    [Fact]
    public async Task Apply_DryRun_ReturnsResultWithoutStoring()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();

        var applied = await ApplyAsync(client, Objects.Deployment("web", "nginx:1", replicas: 4), "ccb", force: false, ct, dryRun: "All");

        Assert.Equal(4, applied.Spec.Replicas);
        Assert.Null(api.Store.Get<V1Deployment>("default", "web"));
    }

    [Fact]
    public async Task Apply_UnknownField_Returns400NamingFieldNotDeclaredInSchema()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        const string body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicaz\":2}}";

        var (code, status) = await ApiErrors.FailureOf(() => client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "ccb", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains(".spec.replicaz: field not declared in schema", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_YamlBody_IsParsedWithTypedScalars()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  port: \"8080\"\n  enabled: \"true\"\n";

        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml");
        using var response = await http.PatchAsync("api/v1/namespaces/default/configmaps/settings?fieldManager=ccb", content, ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("8080", api.Store.Get<V1ConfigMap>("default", "settings")!.Data["port"]);
    }
}

using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

/// <summary>Scenarios whose answers must match a real cluster: run on the fake always, on CCB_E2E_KUBECONFIG's cluster when set.</summary>
public sealed class ParityTests
{
    private static Task<V1Deployment> ApplyAsync(ClusterTarget target, V1Deployment body, string manager, CancellationToken ct) =>
        target.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), body.Metadata.Name, target.Namespace,
            fieldManager: manager, cancellationToken: ct);

    [Theory]
    [MemberData(nameof(ClusterTarget.Kinds), MemberType = typeof(ClusterTarget))]
    public async Task Errors_ReadMissingAndCreateTwice_AnswerNotFoundAndAlreadyExists(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await ClusterTarget.OpenAsync(kind, ct);

        var (missingCode, missing) = await ApiErrors.FailureOf(() => target.Client.AppsV1.ReadNamespacedDeploymentAsync("web", target.Namespace, cancellationToken: ct));
        await target.Client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), target.Namespace, cancellationToken: ct);
        var (existsCode, exists) = await ApiErrors.FailureOf(() => target.Client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("settings"), target.Namespace, cancellationToken: ct));

        Assert.Equal((HttpStatusCode.NotFound, "NotFound", "deployments.apps \"web\" not found"), (missingCode, missing.Reason, missing.Message));
        Assert.Equal((HttpStatusCode.Conflict, "AlreadyExists", "configmaps \"settings\" already exists"), (existsCode, exists.Reason, exists.Message));
    }

    [Theory]
    [MemberData(nameof(ClusterTarget.Kinds), MemberType = typeof(ClusterTarget))]
    public async Task Apply_ConflictingField_NamesFieldAndManager(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await ClusterTarget.OpenAsync(kind, ct);
        await ApplyAsync(target, Objects.Deployment("web", "nginx:1", replicas: 2), "ccb", ct);

        var (code, status) = await ApiErrors.FailureOf(() => ApplyAsync(target, Objects.Deployment("web", "nginx:1", replicas: 5), "other", ct));

        Assert.Equal(HttpStatusCode.Conflict, code);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal((".spec.replicas", "FieldManagerConflict"), (cause.Field, cause.Reason));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"ccb\" using apps/v1: .spec.replicas", status.Message);
    }

    [Theory]
    [MemberData(nameof(ClusterTarget.Kinds), MemberType = typeof(ClusterTarget))]
    public async Task Apply_WithoutAField_RemovesItAndKeepsGeneration(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await ClusterTarget.OpenAsync(kind, ct);
        var first = Objects.Deployment("web", "nginx:1");
        first.Metadata.Labels["team"] = "payments";
        var created = await ApplyAsync(target, first, "ccb", ct);

        var applied = await ApplyAsync(target, Objects.Deployment("web", "nginx:1"), "ccb", ct);

        Assert.False(applied.Metadata.Labels.ContainsKey("team"));
        Assert.Equal(created.Metadata.Generation, applied.Metadata.Generation);
        Assert.Equal("ccb", Assert.Single(applied.Metadata.ManagedFields).Manager);
    }

    [Theory]
    [MemberData(nameof(ClusterTarget.Kinds), MemberType = typeof(ClusterTarget))]
    public async Task Apply_UnknownField_IsRejectedNamingIt(string kind)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await ClusterTarget.OpenAsync(kind, ct);
        const string body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicaz\":2}}";

        var (code, status) = await ApiErrors.FailureOf(() => target.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", target.Namespace, fieldManager: "ccb", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains(".spec.replicaz: field not declared in schema", status.Message, StringComparison.Ordinal);
    }
}

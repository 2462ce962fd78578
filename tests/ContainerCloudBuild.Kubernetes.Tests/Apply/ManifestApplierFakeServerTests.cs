using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ManifestApplierFakeServerTests
{
    [Fact]
    public async Task Apply_Render_AppliesEveryResourceInRenderOrderWithOurFieldManager()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var documents = await cluster.RenderAsync("orders", "1", 1, "", ct);

        var report = await new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue).ApplyAsync("orders", documents, new ApplyOptions(), ct);

        Assert.Equal(documents.Select(d => $"{d.Kind}/{d.Name}"), report.Applied.Select(a => $"{a.Resource.Kind.Kind}/{a.Resource.Name}"));
        var patches = cluster.Api.RequestLog.All.Where(r => r.Method == "PATCH" && !r.Path.Contains("ccb-applyset", StringComparison.Ordinal)).ToList();
        Assert.Equal(documents.Select(d => d.Name).ToList(), patches.Select(p => p.Path[(p.Path.LastIndexOf('/') + 1)..]).ToList());
        Assert.All(patches, p => Assert.StartsWith(KubeApi.ApplyContentType, p.ContentType, StringComparison.Ordinal));
        var deployment = cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "orders")!;
        Assert.Contains(deployment.Metadata.ManagedFields, m => m.Manager == ApplyOptions.DefaultFieldManager && m.Operation == "Apply");
        Assert.Equal(new ApplySetRecord("orders", cluster.Namespace).Id, deployment.Metadata.Labels[ApplySetRecord.PartOfLabel]);
    }

    [Fact]
    public async Task Apply_ResourceDroppedFromRender_PrunesItAndNothingElse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync("orders", await cluster.RenderAsync("orders", "1", 1, "config:\n  enabled: true\n  data:\n    A: b\n", ct), new ApplyOptions(), ct);
        using var client = cluster.Api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "someone-elses", Labels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = "orders" } },
        }, cluster.Namespace, cancellationToken: ct);
        Assert.NotNull(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "orders-config"));

        var report = await applier.ApplyAsync("orders", await cluster.RenderAsync("orders", "1", 1, "config:\n  enabled: false\n", ct), new ApplyOptions(), ct);

        Assert.Equal(["ConfigMap/orders-config"], report.Pruned.Select(p => $"{p.Kind.Kind}/{p.Name}"));
        Assert.Null(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "orders-config"));
        Assert.NotNull(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "someone-elses"));
        Assert.NotNull(cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "orders"));
        var parent = cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "ccb-applyset-orders")!;
        Assert.DoesNotContain("ConfigMap", parent.Metadata.Annotations[ApplySetRecord.GroupKindsAnnotation].Split(','));
    }

    [Fact]
    public async Task Apply_FieldOwnedByAnotherManager_FailsNamingFieldAndManagerUnlessForced()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var documents = await cluster.RenderAsync("orders", "1", 2, "", ct);
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync("orders", documents, new ApplyOptions(), ct);
        using var client = cluster.Api.CreateClient();
        var other = new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "orders", ["namespace"] = cluster.Namespace },
            ["spec"] = new JsonObject { ["replicas"] = 5 },
        };
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(other.ToJsonString(), V1Patch.PatchType.ApplyPatch), "orders", cluster.Namespace,
            fieldManager: "kubectl-scaler", force: true, cancellationToken: ct);

        var e = await Assert.ThrowsAsync<ApplyConflictException>(() => applier.ApplyAsync("orders", documents, new ApplyOptions(), ct));

        Assert.Contains(e.Conflicts, c => c.Field == ".spec.replicas" && c.Manager == "kubectl-scaler");
        Assert.Contains("--force-conflicts", e.Message, StringComparison.Ordinal);
        Assert.Contains($"namespace '{cluster.Namespace}'", e.Message, StringComparison.Ordinal);
        await applier.ApplyAsync("orders", documents, new ApplyOptions { ForceConflicts = true }, ct);
        Assert.Equal(2, cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "orders")!.Spec.Replicas);
    }

    [Fact]
    public async Task Apply_DryRun_ShowsDiffAndChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync("orders", await cluster.RenderAsync("orders", "1", 1, "", ct), new ApplyOptions(), ct);
        var changed = await cluster.RenderAsync("orders", "2", 3, "", ct);
        cluster.Api.RequestLog.Clear();

        var report = await applier.ApplyAsync("orders", changed, new ApplyOptions { DryRun = true }, ct);

        var diff = Assert.Single(report.Diffs, d => d.Resource.Kind.Kind == "Deployment");
        Assert.Contains(diff.Changes, c => c is { Path: "spec.replicas", Before: "1", After: "3" });
        Assert.Contains(diff.Changes, c => c.Path.EndsWith(".image", StringComparison.Ordinal) && c.After == "\"registry.example/orders:2\"");
        Assert.All(report.Diffs.Where(d => d.Resource.Kind.Kind != "Deployment"), d => Assert.True(d.IsEmpty, d.Render()));
        var after = cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, "orders")!;
        Assert.Equal((1, "registry.example/orders:1"), (after.Spec.Replicas, after.Spec.Template.Spec.Containers[0].Image));
        Assert.All(cluster.Api.RequestLog.All.Where(r => r.Method is "PATCH" or "DELETE" or "POST" or "PUT"),
            r => Assert.Contains("dryRun=All", r.Query, StringComparison.Ordinal));
        Assert.Contains(cluster.Output, line => line.Contains("spec.replicas: 1 → 3", StringComparison.Ordinal));
    }
}

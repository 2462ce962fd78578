using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ManifestApplierBatchTests
{
    private static async Task<IReadOnlyList<ServiceManifests>> RenderAsync(FakeCluster cluster, string extraValues, CancellationToken ct, params string[] names)
    {
        var services = new List<ServiceManifests>();
        foreach (var name in names)
            services.Add(ServiceManifests.From(name, await cluster.RenderAsync(name, "1", 1, extraValues, ct)));
        return services;
    }

    [Fact]
    public async Task Apply_ThreeServicesFirstTime_ReadsParentsWithOneListAndListsNothingToPrune()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var services = await RenderAsync(cluster, "", ct, "orders", "billing", "stock");
        var objects = services.Sum(s => s.Objects.Count);
        cluster.Api.RequestLog.Clear();

        var reports = await new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue).ApplyAsync(services, new ApplyOptions(), ct);

        Assert.Equal(services.Select(s => s.Objects.Count), reports.Select(r => r.Applied.Count));
        var requests = cluster.Api.RequestLog.All;
        Assert.Equal(1, requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/configmaps", StringComparison.Ordinal) && r.Query.Contains("applyset.kubernetes.io%2Fid", StringComparison.Ordinal)));
        Assert.Equal(3, requests.Count(r => r.Method == "PATCH" && r.Path.Contains("ccb-applyset-", StringComparison.Ordinal)));
        Assert.Equal(objects, requests.Count(r => r.Method == "PATCH" && !r.Path.Contains("ccb-applyset-", StringComparison.Ordinal)));
        Assert.Equal(1 + 3 + objects, requests.Count);
        foreach (var service in services)
            Assert.Equal(new ApplySetRecord(service.Service, cluster.Namespace).Id, cluster.Api.Store.Get<V1Deployment>(cluster.Namespace, service.Service)!.Metadata.Labels[ApplySetRecord.PartOfLabel]);
    }

    [Fact]
    public async Task Apply_ThreeServicesAgain_ListsEachRecordedGroupKindOnceForAllServices()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var services = await RenderAsync(cluster, "", ct, "orders", "billing", "stock");
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync(services, new ApplyOptions(), ct);
        cluster.Api.RequestLog.Clear();

        await applier.ApplyAsync(services, new ApplyOptions(), ct);

        var lists = cluster.Api.RequestLog.All.Where(r => r.Method == "GET" && r.Query.Contains("applyset.kubernetes.io%2Fpart-of", StringComparison.Ordinal)).ToList();
        var kinds = services.SelectMany(s => s.Objects).Select(o => o.Kind).Distinct().Count();
        Assert.Equal(kinds, lists.Count);
        Assert.Equal(kinds, lists.Select(r => r.Path).Distinct().Count());
    }

    [Fact]
    public async Task Apply_SameRenderAgain_WritesNoParent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var services = await RenderAsync(cluster, "", ct, "orders", "billing");
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync(services, new ApplyOptions(), ct);
        cluster.Api.RequestLog.Clear();

        await applier.ApplyAsync(services, new ApplyOptions(), ct);

        Assert.DoesNotContain(cluster.Api.RequestLog.All, r => r.Method == "PATCH" && r.Path.Contains("ccb-applyset-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_OneServiceDropsAKind_PrunesOnlyItsObjectAndNarrowsOnlyItsParent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        const string config = "config:\n  enabled: true\n  data:\n    A: b\n";
        var applier = new ManifestApplier(cluster.KubeApi(), cluster.Namespace, cluster.Output.Enqueue);
        await applier.ApplyAsync(await RenderAsync(cluster, config, ct, "orders", "billing"), new ApplyOptions(), ct);
        var next = new[]
        {
            ServiceManifests.From("orders", await cluster.RenderAsync("orders", "1", 1, "config:\n  enabled: false\n", ct)),
            ServiceManifests.From("billing", await cluster.RenderAsync("billing", "1", 1, config, ct)),
        };
        cluster.Api.RequestLog.Clear();

        var reports = await applier.ApplyAsync(next, new ApplyOptions(), ct);

        Assert.Equal(["ConfigMap/orders-config"], reports[0].Pruned.Select(p => $"{p.Kind.Kind}/{p.Name}"));
        Assert.Empty(reports[1].Pruned);
        Assert.Null(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "orders-config"));
        Assert.NotNull(cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "billing-config"));
        Assert.DoesNotContain("ConfigMap", cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "ccb-applyset-orders")!.Metadata.Annotations[ApplySetRecord.GroupKindsAnnotation].Split(','));
        Assert.Contains("ConfigMap", cluster.Api.Store.Get<V1ConfigMap>(cluster.Namespace, "ccb-applyset-billing")!.Metadata.Annotations[ApplySetRecord.GroupKindsAnnotation].Split(','));
        Assert.Equal(1, cluster.Api.RequestLog.All.Count(r => r.Method == "PATCH" && r.Path.EndsWith("ccb-applyset-orders", StringComparison.Ordinal)));
        Assert.DoesNotContain(cluster.Api.RequestLog.All, r => r.Method == "PATCH" && r.Path.EndsWith("ccb-applyset-billing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Apply_ServiceListedTwice_Throws()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        var orders = new ServiceManifests("orders", []);

        await Assert.ThrowsAsync<ArgumentException>(() => new ManifestApplier(cluster.KubeApi(), cluster.Namespace, _ => { }).ApplyAsync([orders, orders], new ApplyOptions(), ct));
    }

    [Fact]
    public async Task ListAnyAsync_MoreValuesThanOneListTakes_ListsInChunksAndFindsEvery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await FakeCluster.StartAsync(ct);
        using var client = cluster.Api.CreateClient();
        var names = Enumerable.Range(1, KubeApi.ValuesPerList * 2 + 3).Select(i => $"cm-{i}").ToList();
        foreach (var name in names)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["probe"] = name } },
            }, cluster.Namespace, cancellationToken: ct);
        }
        cluster.Api.RequestLog.Clear();

        var found = await cluster.KubeApi().ListAnyAsync(ResourceKind.Find("v1", "ConfigMap")!, cluster.Namespace, "probe", [.. names, "cm-1"], ct);

        Assert.Equal(names.Order(), found.Select(o => o["metadata"]!["name"]!.GetValue<string>()).Order());
        Assert.Equal(3, cluster.Api.RequestLog.All.Count(r => r.Method == "GET"));
    }
}

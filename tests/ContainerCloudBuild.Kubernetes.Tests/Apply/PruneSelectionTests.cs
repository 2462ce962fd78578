using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class PruneSelectionTests
{
    private static readonly ApplySetRecord Set = new("orders", "team");
    private static readonly ResourceKind ConfigMap = ResourceKind.Find("v1", "ConfigMap")!;

    private static JsonObject Live(string name, string ns = "team", string? partOf = null, string managedBy = "ContainerCloudBuild", string instance = "orders")
    {
        var labels = new JsonObject { ["app.kubernetes.io/managed-by"] = managedBy, ["app.kubernetes.io/instance"] = instance };
        if (partOf is not null)
            labels["applyset.kubernetes.io/part-of"] = partOf;
        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels } };
    }

    [Fact]
    public void Select_MemberNoLongerRendered_IsPruned()
    {
        var selected = PruneSelection.Select(Set, ConfigMap, [Live("old-config", partOf: Set.Id), Live("config", partOf: Set.Id)],
            [new ResourceId(ConfigMap, "team", "config")]);
        Assert.Equal([new ResourceId(ConfigMap, "team", "old-config")], selected);
    }

    [Fact]
    public void Select_ObjectsWithoutAllOurLabels_AreNeverTouched()
    {
        var live = new[]
        {
            Live("no-applyset"),
            Live("other-applyset", partOf: new ApplySetRecord("billing", "team").Id),
            Live("other-tool", partOf: Set.Id, managedBy: "Helm"),
            Live("other-service", partOf: Set.Id, instance: "billing"),
            Live("other-namespace", ns: "elsewhere", partOf: Set.Id),
            Live(Set.ParentName, partOf: Set.Id),
        };
        Assert.Empty(PruneSelection.Select(Set, ConfigMap, live, []));
    }

    [Fact]
    public void Select_ClusterScopedKind_SelectsNothing()
    {
        var ns = ResourceKind.Find("v1", "Namespace")!;
        Assert.Empty(PruneSelection.Select(Set, ns, [Live("team", partOf: Set.Id)], []));
    }

    [Fact]
    public void Id_DiffersPerServiceAndNamespace()
    {
        Assert.NotEqual(Set.Id, new ApplySetRecord("orders", "other").Id);
        Assert.NotEqual(Set.Id, new ApplySetRecord("billing", "team").Id);
        Assert.Matches("^applyset-[A-Za-z0-9_-]{43}-v1$", Set.Id);
    }
}

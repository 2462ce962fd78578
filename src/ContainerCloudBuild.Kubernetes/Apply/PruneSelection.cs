using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// Which live objects a prune deletes: members of this service's applyset (the part-of label) that also carry our
/// labels (managed-by ContainerCloudBuild, instance = the service) and that this render no longer has. Anything
/// else — other tools' objects, other services', namespaces, cluster-scoped kinds, the applyset parent — is never selected.
/// </summary>
public static class PruneSelection
{
    public static IReadOnlyList<ResourceId> Select(ApplySetRecord set, ResourceKind kind, IEnumerable<JsonObject> live, IReadOnlyCollection<ResourceId> rendered)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(rendered);
        if (!kind.Namespaced)
            return [];
        var keep = rendered.Select(Key).ToHashSet(StringComparer.Ordinal);
        var selected = new List<ResourceId>();
        foreach (var item in live)
        {
            var metadata = item["metadata"];
            var name = metadata?["name"]?.GetValue<string>();
            var ns = metadata?["namespace"]?.GetValue<string>();
            if (name is null || ns != set.Namespace)
                continue;
            var id = new ResourceId(kind, ns, name);
            if (keep.Contains(Key(id)) || Key(id) == Key(set.Parent))
                continue;
            if (Label(metadata, ApplySetRecord.PartOfLabel) == set.Id
                && Label(metadata, ApplySetRecord.ManagedByLabel) == ApplySetRecord.ManagedBy
                && Label(metadata, ApplySetRecord.InstanceLabel) == set.Service)
                selected.Add(id);
        }
        return selected;
    }

    private static string? Label(JsonNode? metadata, string key) => metadata?["labels"]?[key]?.GetValue<string>();

    private static string Key(ResourceId id) => $"{id.Kind.GroupKind}/{id.Namespace}/{id.Name}";
}

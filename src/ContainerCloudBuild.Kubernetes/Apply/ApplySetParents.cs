using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// The applyset parents of one apply: read together with one list (by their id label; one per 50 services), then kept as the server last
/// returned them, so a parent is written (server-side apply, forced: the record is ours) only when it does not already
/// record the wanted group-kinds and our labels.
/// </summary>
internal sealed class ApplySetParents(KubeApi api, string ns)
{
    private readonly ConcurrentDictionary<string, JsonObject> _live = new(StringComparer.Ordinal);

    public async Task ReadAsync(IEnumerable<ApplySetRecord> sets, CancellationToken cancellationToken)
    {
        var byId = sets.ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (byId.Count == 0)
            return;
        var kind = ResourceKind.Find("v1", "ConfigMap")!;
        var items = await api.ListAnyAsync(kind, ns, ApplySetRecord.IdLabel, byId.Keys, cancellationToken).ConfigureAwait(false);
        foreach (var item in items)
        {
            var id = item["metadata"]?["labels"]?[ApplySetRecord.IdLabel]?.GetValue<string>();
            if (id is not null && byId.TryGetValue(id, out var set) && item["metadata"]?["name"]?.GetValue<string>() == set.ParentName)
                _live[set.ParentName] = item;
        }
    }

    /// <summary>The group-kinds the parent records now (none when it does not exist).</summary>
    public IReadOnlyList<string> GroupKindsOf(ApplySetRecord set) => ApplySetRecord.GroupKindsOf(_live.GetValueOrDefault(set.ParentName));

    /// <summary>Makes the parent record exactly <paramref name="groupKinds"/> with our labels and tooling; no request when it already does.</summary>
    public async Task EnsureAsync(ApplySetRecord set, IEnumerable<string> groupKinds, string fieldManager, CancellationToken cancellationToken)
    {
        var wanted = set.ParentObject(groupKinds);
        if (_live.TryGetValue(set.ParentName, out var live) && Records(live, wanted))
            return;
        _live[set.ParentName] = await api.ApplyAsync(set.Parent, wanted, fieldManager, force: true, dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    private static bool Records(JsonObject live, JsonObject wanted) =>
        Contains(live["metadata"]?["labels"], wanted["metadata"]!["labels"]!.AsObject())
        && Contains(live["metadata"]?["annotations"], wanted["metadata"]!["annotations"]!.AsObject());

    private static bool Contains(JsonNode? live, JsonObject wanted) =>
        live is JsonObject map && wanted.All(p => map[p.Key] is JsonValue value && value.TryGetValue<string>(out var text) && text == p.Value!.GetValue<string>());
}

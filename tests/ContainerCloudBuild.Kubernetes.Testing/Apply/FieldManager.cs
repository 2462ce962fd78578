using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Api;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>
/// Server-side apply and field ownership: applies a configuration for a manager (conflicts unless forced,
/// removal of fields the manager stopped applying) and records which fields a plain write changed.
/// </summary>
public sealed class FieldManager(TimeProvider time)
{
    private string Now => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject Apply(ResourceType type, JsonObject? live, JsonObject applied, string manager, bool force, string? subresource)
    {
        var statusOnly = subresource == "status";
        var entries = live is null ? [] : ManagedFieldsEntry.Read(live);
        var appliedSet = FieldSet.Of(applied, statusOnly);
        var me = new ManagedFieldsEntry(manager, "Apply", type.ApiVersion, subresource, Now, appliedSet);
        var previous = entries.FirstOrDefault(e => e.SameOwner(me));
        var others = entries.Where(e => !e.SameOwner(me)).ToList();
        var result = live?.Clone() ?? new JsonObject();

        var conflicts = FindConflicts(result, applied, appliedSet, others);
        if (conflicts.Count > 0)
        {
            if (!force) throw ConflictError(type, applied.Name(), conflicts);
            var taken = new FieldSet(conflicts.Select(c => c.Path));
            others = others.Select(o => o with { Fields = o.Fields.Except(taken) }).ToList();
        }

        if (previous is not null) RemoveAbandoned(result, previous.Fields.Except(appliedSet), others);
        result = (JsonObject)ObjectMerger.Merge(result, applied, null, nullDeletes: false)!;
        DropEmptyMetadataMaps(result);
        WriteEntries(result, others.Append(me));
        return result;
    }

    /// <summary>Gives <paramref name="manager"/> the fields a create/update/patch changed (taking them from others).</summary>
    public void RecordUpdate(ResourceType type, JsonObject? before, JsonObject after, string manager, string? subresource)
    {
        var entries = before is null ? [] : ManagedFieldsEntry.Read(before);
        var afterSet = FieldSet.Of(after, subresource == "status");
        var changed = afterSet.Where(p => before is null || !Same(before, after, p));
        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update" && e.Subresource == subresource);
        var others = entries.Where(e => e != mine).Select(e => e with { Fields = e.Fields.Except(changed) });
        var updated = new ManagedFieldsEntry(manager, "Update", type.ApiVersion, subresource, Now,
            (mine?.Fields ?? new FieldSet()).Union(changed));
        WriteEntries(after, others.Append(updated));
    }

    private static bool Same(JsonObject a, JsonObject b, string path) =>
        FieldNavigator.TryResolve(a, path, out var va) && FieldNavigator.TryResolve(b, path, out var vb) && JsonNode.DeepEquals(va, vb);

    private static List<(string Manager, string ApiVersion, string Path)> FindConflicts(
        JsonObject live, JsonObject applied, FieldSet appliedSet, List<ManagedFieldsEntry> others) =>
        others.SelectMany(o => appliedSet.Intersect(o.Fields).Paths
                .Where(p => !p.EndsWith('.') && FieldNavigator.TryResolve(live, p, out _) && !Same(live, applied, p))
                .Select(p => (o.Manager, o.ApiVersion, p)))
            .OrderBy(c => c.p, StringComparer.Ordinal).ToList();

    private static void RemoveAbandoned(JsonObject obj, FieldSet abandoned, List<ManagedFieldsEntry> others)
    {
        var ownedByOthers = others.Aggregate(new FieldSet(), (set, e) => set.Union(e.Fields));
        foreach (var path in abandoned.Paths.OrderByDescending(p => p.Length))
        {
            if (ownedByOthers.Contains(path)) continue;
            if (path.EndsWith('.'))
            {
                var element = path[..^2];
                if (ownedByOthers.Paths.Any(p => p.StartsWith(element + FieldSet.Separator, StringComparison.Ordinal))) continue;
            }
            FieldNavigator.Remove(obj, path);
        }
    }

    private static void DropEmptyMetadataMaps(JsonObject obj)
    {
        var meta = obj.Metadata();
        foreach (var key in new[] { "labels", "annotations" })
            if (meta[key] is JsonObject { Count: 0 }) meta.Remove(key);
    }

    private static void WriteEntries(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries) =>
        ManagedFieldsEntry.Write(obj, entries.Select(e => e with
        {
            Fields = e.Fields.Where(p => FieldNavigator.TryResolve(obj, p, out _)),
        }));

    private static KubeApiException ConflictError(ResourceType type, string name, List<(string Manager, string ApiVersion, string Path)> conflicts)
    {
        var causes = new JsonArray();
        foreach (var c in conflicts)
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
                ["field"] = FieldSet.Display(c.Path),
            });
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{conflicts[0].Manager}\" using {conflicts[0].ApiVersion}: {FieldSet.Display(conflicts[0].Path)}"
            : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", conflicts.GroupBy(c => (c.Manager, c.ApiVersion))
                .Select(g => $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldSet.Display(c.Path)))));
        var details = KubeApiException.DetailsFor(type, name);
        details["causes"] = causes;
        return new KubeApiException(409, "Conflict", message, details);
    }
}

using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>
/// Merges a partial object into a live one the way apply and strategic merge patch do: maps merge
/// recursively, keyed lists merge by key, sets union, everything else is replaced.
/// </summary>
public static class ObjectMerger
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? patch, string? field, bool nullDeletes)
    {
        switch (patch)
        {
            case JsonObject po when live is JsonObject lo:
                var result = (JsonObject)lo.DeepClone();
                foreach (var (key, value) in po)
                {
                    if (value is null && nullDeletes) { result.Remove(key); continue; }
                    result[key] = Merge(lo[key], value, key, nullDeletes);
                }
                return result;
            case JsonArray pa when live is JsonArray la && ListKeys.IsSet(field):
                var union = (JsonArray)la.DeepClone();
                foreach (var item in pa.Where(i => !la.Any(l => JsonNode.DeepEquals(l, i)))) union.Add(item?.DeepClone());
                return union;
            case JsonArray pa when live is JsonArray la && ListKeys.IsAssociative(field, pa) && ListKeys.IsAssociative(field, la):
                var merged = (JsonArray)la.DeepClone();
                foreach (var item in pa.OfType<JsonObject>())
                {
                    var element = ListKeys.KeyElement(ListKeys.KeysOf(field, item)!, item);
                    var index = merged.ToList().FindIndex(i => ListKeys.ItemMatches(element, i));
                    if (index < 0) merged.Add(item.DeepClone());
                    else merged[index] = Merge(merged[index], item, null, nullDeletes);
                }
                return merged;
            default:
                return patch?.DeepClone();
        }
    }
}

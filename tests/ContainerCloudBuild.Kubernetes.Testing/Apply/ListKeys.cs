using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>
/// How server-side apply treats a list, by field name (the schema's x-kubernetes-list-type/-map-keys for the
/// fields the templates use). Unknown lists are atomic: owned and replaced as a whole.
/// </summary>
public static class ListKeys
{
    private static readonly Dictionary<string, string[]> MapKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
        ["ports"] = ["containerPort", "port", "protocol"],
    };

    private static readonly HashSet<string> SetLists = new(StringComparer.Ordinal) { "finalizers" };

    public static bool IsSet(string? field) => field is not null && SetLists.Contains(field);

    /// <summary>The key fields an item of list <paramref name="field"/> carries, or null for an atomic list.</summary>
    public static string[]? KeysOf(string? field, JsonNode? item)
    {
        if (field is null || !MapKeys.TryGetValue(field, out var keys) || item is not JsonObject o) return null;
        var present = keys.Where(o.ContainsKey).ToArray();
        return present.Length == 0 ? null : present;
    }

    public static bool IsAssociative(string? field, JsonArray array) =>
        field is not null && MapKeys.ContainsKey(field) && array.All(i => KeysOf(field, i) is not null);

    /// <summary>The fieldsV1 element naming an item: k:{"name":"app"} (keys sorted, compact JSON).</summary>
    public static string KeyElement(string[] keys, JsonObject item)
    {
        var key = new JsonObject();
        foreach (var k in keys.OrderBy(k => k, StringComparer.Ordinal)) key[k] = item[k]!.DeepClone();
        return "k:" + key.ToJsonString();
    }

    public static bool ItemMatches(string keyElement, JsonNode? item)
    {
        if (item is not JsonObject o || JsonNode.Parse(keyElement[2..]) is not JsonObject key) return false;
        return key.All(p => o.ContainsKey(p.Key) && JsonNode.DeepEquals(o[p.Key], p.Value)) && key.Count > 0;
    }
}

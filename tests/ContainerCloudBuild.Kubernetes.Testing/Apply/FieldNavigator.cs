using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>Finds and removes the value a field path names inside an object.</summary>
public static class FieldNavigator
{
    public static bool TryResolve(JsonObject root, string path, out JsonNode? value)
    {
        JsonNode? node = root;
        value = null;
        foreach (var element in path.Split(FieldSet.Separator))
        {
            if (!TryStep(node, element, out node)) return false;
        }
        value = node;
        return true;
    }

    private static bool TryStep(JsonNode? node, string element, out JsonNode? next)
    {
        next = null;
        if (element == ".") { next = node; return true; }
        if (element.StartsWith("f:", StringComparison.Ordinal))
            return node is JsonObject o && o.TryGetPropertyValue(element[2..], out next);
        if (node is not JsonArray a) return false;
        if (element.StartsWith("k:", StringComparison.Ordinal))
        {
            next = a.FirstOrDefault(i => ListKeys.ItemMatches(element, i));
            return next is not null;
        }
        var wanted = JsonNode.Parse(element[2..]);
        next = a.FirstOrDefault(i => JsonNode.DeepEquals(i, wanted));
        return next is not null || wanted is null && a.Any(i => i is null);
    }

    /// <summary>Removes the field (or list item for ".", "v:") a path names; missing parents are fine.</summary>
    public static void Remove(JsonObject root, string path)
    {
        var elements = path.Split(FieldSet.Separator);
        if (elements[^1] == ".") elements = elements[..^1];
        var parentPath = string.Join(FieldSet.Separator, elements[..^1]);
        JsonNode? parent = root;
        if (parentPath.Length > 0 && !TryResolve(root, parentPath, out parent)) return;
        var last = elements[^1];
        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a when last.StartsWith("k:", StringComparison.Ordinal):
                foreach (var item in a.Where(i => ListKeys.ItemMatches(last, i)).ToList()) a.Remove(item);
                break;
            case JsonArray a when last.StartsWith("v:", StringComparison.Ordinal):
                var wanted = JsonNode.Parse(last[2..]);
                foreach (var item in a.Where(i => JsonNode.DeepEquals(i, wanted)).ToList()) a.Remove(item);
                break;
        }
    }

    /// <summary>Drops maps left empty by removals (labels: {} after the last label went).</summary>
    public static void PruneEmptyMaps(JsonObject node)
    {
        foreach (var (key, value) in node.ToList())
        {
            if (value is JsonObject child)
            {
                PruneEmptyMaps(child);
                if (child.Count == 0 && key is not "metadata") node.Remove(key);
            }
        }
    }
}

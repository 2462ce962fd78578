using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Api;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>RFC 7386 JSON merge patch and RFC 6902 JSON patch over JSON nodes.</summary>
public static class JsonPatches
{
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject po) return patch?.DeepClone();
        var result = target is JsonObject to ? (JsonObject)to.DeepClone() : new JsonObject();
        foreach (var (key, value) in po)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key], value);
        }
        return result;
    }

    public static JsonNode? JsonPatch(JsonNode? target, JsonArray operations)
    {
        var doc = target?.DeepClone();
        foreach (var op in operations.OfType<JsonObject>())
        {
            var path = op["path"]?.GetValue<string>() ?? throw KubeApiException.BadRequest("json patch operation without a path");
            switch (op["op"]?.GetValue<string>())
            {
                case "add": doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "remove": doc = Remove(doc, path, out _); break;
                case "replace": doc = Add(Remove(doc, path, out _), path, op["value"]?.DeepClone()); break;
                case "move":
                    doc = Remove(doc, op["from"]!.GetValue<string>(), out var moved);
                    doc = Add(doc, path, moved);
                    break;
                case "copy": doc = Add(doc, path, Get(doc, op["from"]!.GetValue<string>())?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                        throw new KubeApiException(422, "Invalid", $"the test operation failed at {path}");
                    break;
                default: throw KubeApiException.BadRequest($"unknown json patch operation \"{op["op"]}\"");
            }
        }
        return doc;
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Get(JsonNode? doc, string pointer)
    {
        foreach (var token in Tokens(pointer))
            doc = doc switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, out var i) && i < a.Count => a[i],
                _ => throw new KubeApiException(422, "Invalid", $"json patch: path {pointer} does not exist"),
            };
        return doc;
    }

    private static JsonNode? Add(JsonNode? doc, string pointer, JsonNode? value)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0) return value;
        var parent = Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        if (tokens.Length == 1) parent = doc;
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i <= a.Count: a.Insert(i, value); break;
            default: throw new KubeApiException(422, "Invalid", $"json patch: cannot add at {pointer}");
        }
        return doc;
    }

    private static JsonNode? Remove(JsonNode? doc, string pointer, out JsonNode? removed)
    {
        var tokens = Tokens(pointer);
        var parent = tokens.Length == 1 ? doc : Get(doc, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.Remove(last, out removed): return doc;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                removed = removed?.DeepClone();
                return doc;
            default: throw new KubeApiException(422, "Invalid", $"json patch: path {pointer} does not exist");
        }
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

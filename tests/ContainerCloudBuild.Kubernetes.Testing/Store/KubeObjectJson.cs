using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Store;

/// <summary>Reads and writes the metadata fields of an object held as JSON.</summary>
public static class KubeObjectJson
{
    /// <summary>How the fake writes JSON: quotes and non-ASCII text unescaped, as the Go server writes them.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta) return meta;
        meta = new JsonObject();
        obj["metadata"] = meta;
        return meta;
    }

    public static string? Str(this JsonNode? node, string property) =>
        node is JsonObject o && o[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static string Name(this JsonObject obj) => obj.Metadata().Str("name") ?? "";

    public static string? Namespace(this JsonObject obj) => obj.Metadata().Str("namespace");

    public static string? Uid(this JsonObject obj) => obj.Metadata().Str("uid");

    public static string? ResourceVersion(this JsonObject obj) => obj.Metadata().Str("resourceVersion");

    public static long Generation(this JsonObject obj) => Number(obj.Metadata()["generation"]) ?? 0;

    /// <summary>A JSON number as long, whatever CLR type the node was created with.</summary>
    public static long? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj) =>
        obj.Metadata()["labels"] is JsonObject labels
            ? labels.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString())
            : new Dictionary<string, string>();

    public static IEnumerable<string> OwnerUids(this JsonObject obj) =>
        obj.Metadata()["ownerReferences"] is JsonArray owners
            ? owners.Select(o => o.Str("uid")).OfType<string>()
            : [];

    public static JsonObject Clone(this JsonObject obj) => (JsonObject)obj.DeepClone();

    /// <summary>Walks a dotted path ("spec.nodeName", "involvedObject.name") to a scalar's text.</summary>
    public static string? AtPath(this JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var part in dottedPath.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node is JsonValue value ? value.ToString() : null;
    }
}

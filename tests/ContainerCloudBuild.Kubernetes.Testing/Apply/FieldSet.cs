using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Apply;

/// <summary>
/// A set of field paths as server-side apply tracks them. A path is a list of fieldsV1 elements
/// ("f:spec", "k:{\"name\":\"app\"}", "v:\"x\"", ".") joined by newlines.
/// </summary>
public sealed class FieldSet
{
    public const char Separator = '\n';
    private readonly HashSet<string> paths;

    public FieldSet(IEnumerable<string>? paths = null) => this.paths = new HashSet<string>(paths ?? [], StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => paths;

    public bool IsEmpty => paths.Count == 0;

    public bool Contains(string path) => paths.Contains(path);

    public FieldSet Union(FieldSet other) => new(paths.Concat(other.paths));

    public FieldSet Except(FieldSet other) => new(paths.Where(p => !other.paths.Contains(p)));

    public FieldSet Intersect(FieldSet other) => new(paths.Where(other.paths.Contains));

    public FieldSet Where(Func<string, bool> keep) => new(paths.Where(keep));

    /// <summary>The leaf fields of an object, skipping identity and server-owned metadata and (unless a status write) status.</summary>
    public static FieldSet Of(JsonObject obj, bool statusOnly = false)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind") continue;
            if ((key == "status") != statusOnly) continue;
            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var (mk, mv) in meta)
                    if (mk is not ("name" or "namespace" or "uid" or "resourceVersion" or "generation" or "creationTimestamp" or "managedFields" or "deletionTimestamp"))
                        Walk(mv, "f:metadata" + Separator + "f:" + mk, mk, set);
                continue;
            }
            Walk(value, "f:" + key, key, set);
        }
        return new FieldSet(set);
    }

    private static void Walk(JsonNode? node, string path, string field, HashSet<string> set)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (key, value) in o) Walk(value, path + Separator + "f:" + key, key, set);
                break;
            case JsonArray a when ListKeys.IsSet(field):
                foreach (var item in a) set.Add(path + Separator + "v:" + item?.ToJsonString());
                break;
            case JsonArray a when ListKeys.IsAssociative(field, a):
                foreach (var item in a.OfType<JsonObject>())
                {
                    var element = path + Separator + ListKeys.KeyElement(ListKeys.KeysOf(field, item)!, item);
                    set.Add(element + Separator + ".");
                    foreach (var (key, value) in item) Walk(value, element + Separator + "f:" + key, key, set);
                }
                break;
            default:
                set.Add(path);
                break;
        }
    }

    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var element in path.Split(Separator))
            {
                if (node[element] is not JsonObject next) node[element] = next = new JsonObject();
                node = next;
            }
        }
        return root;
    }

    public static FieldSet FromFieldsV1(JsonObject? tree)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (tree is not null) Collect(tree, "", set);
        return new FieldSet(set);
    }

    private static void Collect(JsonObject node, string prefix, HashSet<string> set)
    {
        foreach (var (element, child) in node)
        {
            var path = prefix.Length == 0 ? element : prefix + Separator + element;
            if (child is JsonObject o && o.Count > 0) Collect(o, path, set);
            else set.Add(path);
        }
    }

    /// <summary>".spec.template.spec.containers[name=\"app\"].image" — how conflicts name a field.</summary>
    public static string Display(string path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in path.Split(Separator))
        {
            if (element.StartsWith("f:", StringComparison.Ordinal)) text.Append('.').Append(element[2..]);
            else if (element.StartsWith("k:", StringComparison.Ordinal))
                text.Append('[').Append(string.Join(",", ((JsonObject)JsonNode.Parse(element[2..])!).Select(p => $"{p.Key}={p.Value!.ToJsonString()}"))).Append(']');
            else if (element.StartsWith("v:", StringComparison.Ordinal)) text.Append('[').Append(element[2..]).Append(']');
        }
        return text.ToString();
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>One changed leaf: its path (<c>spec.template.spec.containers[name=app].image</c>) and the values before and after.</summary>
public sealed record FieldChange(string Path, string? Before, string? After);

/// <summary>
/// What an apply would change in one object, leaf by leaf, ignoring what the server maintains (status, managedFields,
/// resourceVersion, uid, timestamps, generation). Secret data never shows: its values read <c>(secret)</c>.
/// </summary>
public sealed record ObjectDiff(ResourceId Resource, bool Creates, IReadOnlyList<FieldChange> Changes)
{
    private static readonly string[] ServerMaintained = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink"];

    public bool IsEmpty => !Creates && Changes.Count == 0;

    public static ObjectDiff Between(ResourceId resource, JsonObject? live, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(after);
        var secret = resource.Kind.Kind == "Secret";
        var before = live is null ? [] : Flatten(live, secret);
        var next = Flatten(after, secret);
        var changes = new List<FieldChange>();
        foreach (var (path, value) in next)
        {
            before.TryGetValue(path, out var old);
            if (old != value)
                changes.Add(new FieldChange(path, old, value));
        }
        changes.AddRange(before.Where(p => !next.ContainsKey(p.Key)).Select(p => new FieldChange(p.Key, p.Value, null)));
        return new ObjectDiff(resource, live is null, [.. changes.OrderBy(c => c.Path, StringComparer.Ordinal)]);
    }

    /// <summary>Readable text: a header per object, then <c>path: old → new</c>, <c>+ path: value</c> or <c>- path: value</c>.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append(Creates ? "+ " : IsEmpty ? "= " : "~ ").Append(Resource).Append(Creates ? " (created)" : IsEmpty ? " (unchanged)" : "").Append('\n');
        if (Creates)
            return text.ToString();
        foreach (var change in Changes)
        {
            text.Append(change switch
            {
                { Before: null } => $"    + {change.Path}: {change.After}",
                { After: null } => $"    - {change.Path}: {change.Before}",
                _ => $"      {change.Path}: {change.Before} → {change.After}",
            }).Append('\n');
        }
        return text.ToString();
    }

    private static SortedDictionary<string, string> Flatten(JsonObject root, bool secret)
    {
        var leaves = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in root)
        {
            if (key == "status")
                continue;
            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (field, node) in metadata)
                {
                    if (!ServerMaintained.Contains(field))
                        Walk(node, "metadata." + field, leaves, hide: false);
                }
                continue;
            }
            Walk(value, key, leaves, hide: secret && key is "data" or "stringData");
        }
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, SortedDictionary<string, string> leaves, bool hide)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    Walk(child, $"{path}.{(key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal) ? $"\"{key}\"" : key)}", leaves, hide);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Walk(array[i], path + "[" + (array[i] is JsonObject { } item && item["name"] is JsonValue name ? $"name={name}" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "]", leaves, hide);
                break;
            case null:
                break;
            default:
                leaves[path] = hide ? "(secret)" : node.ToJsonString();
                break;
        }
    }
}

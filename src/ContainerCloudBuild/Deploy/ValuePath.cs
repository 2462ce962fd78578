using System.Globalization;
using ContainerCloudBuild.Manifests.Values;

namespace ContainerCloudBuild.Deploy;

/// <summary>Reads merged values by dotted path (<c>probes.readiness.path</c>); the defaults guarantee every key exists.</summary>
internal static class ValuePath
{
    public static ValueNode? Node(ValueMap root, string path)
    {
        ValueNode? node = root;
        foreach (var key in path.Split('.'))
            node = node is ValueMap map && map.Entries.TryGetValue(key, out var child) ? child : null;
        return node;
    }

    public static string Text(ValueMap root, string path) => Node(root, path) is ValueScalar { Kind: not ScalarKind.Null } s ? s.Text : "";

    public static int Int(ValueMap root, string path, int fallback = 0) =>
        int.TryParse(Text(root, path), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public static bool Bool(ValueMap root, string path) => Node(root, path) is ValueScalar { Value: true };

    public static IReadOnlyList<ValueNode> Items(ValueMap root, string path) => Node(root, path) is ValueList list ? list.Items : [];

    public static int Count(ValueMap root, string path) => Node(root, path) switch
    {
        ValueList list => list.Items.Count,
        ValueMap map => map.Entries.Count,
        _ => 0,
    };
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// The applyset (KEP-3659) that records what one service's applies created: a ConfigMap parent
/// <c>ccb-applyset-&lt;service&gt;</c> labelled <c>applyset.kubernetes.io/id</c> and annotated with the group-kinds its
/// members have; every member carries <c>applyset.kubernetes.io/part-of=&lt;id&gt;</c>. kubectl understands the same record.
/// </summary>
public sealed record ApplySetRecord(string Service, string Namespace)
{
    public const string IdLabel = "applyset.kubernetes.io/id";
    public const string PartOfLabel = "applyset.kubernetes.io/part-of";
    public const string ToolingAnnotation = "applyset.kubernetes.io/tooling";
    public const string GroupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
    public const string Tooling = "containercloudbuild/v1";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "ContainerCloudBuild";
    public const string InstanceLabel = "app.kubernetes.io/instance";

    public string ParentName => $"ccb-applyset-{Service}";

    public ResourceId Parent => new(ResourceKind.Find("v1", "ConfigMap")!, Namespace, ParentName);

    /// <summary>The KEP's id: <c>applyset-</c> + unpadded base64url(sha256(name.namespace.kind.group)) + <c>-v1</c>.</summary>
    public string Id
    {
        get
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ParentName}.{Namespace}.ConfigMap."));
            return $"applyset-{Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_')}-v1";
        }
    }

    /// <summary>The parent object to apply, listing <paramref name="groupKinds"/> (sorted, comma-separated).</summary>
    public JsonObject ParentObject(IEnumerable<string> groupKinds) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = ParentName,
            ["namespace"] = Namespace,
            ["labels"] = new JsonObject { [IdLabel] = Id, [ManagedByLabel] = ManagedBy, [InstanceLabel] = Service },
            ["annotations"] = new JsonObject
            {
                [ToolingAnnotation] = Tooling,
                [GroupKindsAnnotation] = string.Join(',', groupKinds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            },
        },
    };

    /// <summary>The group-kinds a live parent lists (none when there is no parent yet).</summary>
    public static IReadOnlyList<string> GroupKindsOf(JsonObject? parent) =>
        parent?["metadata"]?["annotations"]?[GroupKindsAnnotation]?.GetValue<string>()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}

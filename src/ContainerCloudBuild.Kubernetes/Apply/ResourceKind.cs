using System.Collections.Frozen;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// A kind as the API serves it: group, version, plural and scope. From the table of KubernetesClient's typed models (<see cref="BuiltInKinds"/>), so every
/// built-in kind the manifests renderer accepts is known without a discovery round trip; plus OpenShift's Route and Gateway API's HTTPRoute.
/// </summary>
public sealed record ResourceKind(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    private static readonly FrozenSet<string> ClusterScoped = new[]
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "PriorityClass", "IngressClass", "RuntimeClass", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "CSIDriver", "CSINode", "VolumeAttachment", "CertificateSigningRequest",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ResourceKind> ByApiVersionKind = BuiltInKinds.Models
        .Select(m => new ResourceKind(m.Group, m.Version, m.Kind, m.Plural, !ClusterScoped.Contains(m.Kind)))
        .Concat(
        [
            new ResourceKind("route.openshift.io", "v1", "Route", "routes", true), // OpenShift renders; no KubernetesClient model
            new ResourceKind("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes", true),
        ])
        .GroupBy(k => k.ApiVersion + "/" + k.Kind, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary><c>apps/v1</c>, or <c>v1</c> for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The group-kind as applysets list it: <c>Deployment.apps</c>, <c>Service</c> for the core group.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public static ResourceKind? Find(string apiVersion, string kind) => ByApiVersionKind.GetValueOrDefault(apiVersion + "/" + kind);

    /// <summary>The kind for an applyset group-kind, at its GA version (<c>v1</c>, else the newest the client knows).</summary>
    public static ResourceKind? FromGroupKind(string groupKind)
    {
        ArgumentNullException.ThrowIfNull(groupKind);
        var dot = groupKind.IndexOf('.', StringComparison.Ordinal);
        var (kind, group) = dot < 0 ? (groupKind, "") : (groupKind[..dot], groupKind[(dot + 1)..]);
        return ByApiVersionKind.Values.Where(k => k.Kind == kind && k.Group == group)
            .OrderByDescending(k => k.Version == "v1").ThenByDescending(k => k.Version, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>The REST path of one object (or of the collection when <paramref name="name"/> is null).</summary>
    public string Path(string? ns, string? name)
    {
        var root = Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
        var scope = Namespaced && ns is not null ? $"/namespaces/{Uri.EscapeDataString(ns)}" : "";
        return $"{root}{scope}/{Plural}" + (name is null ? "" : "/" + Uri.EscapeDataString(name));
    }
}

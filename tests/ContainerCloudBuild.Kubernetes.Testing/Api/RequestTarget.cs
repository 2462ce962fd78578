using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>A resource URL split into its parts: /apis/{group}/{version}/namespaces/{ns}/{plural}/{name}/{subresource}.</summary>
public sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public static RequestTarget? Parse(ResourceCatalog catalog, string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group, version;
        int rest;
        if (parts.Length >= 3 && parts[0] == "api") (group, version, rest) = ("", parts[1], 2);
        else if (parts.Length >= 4 && parts[0] == "apis") (group, version, rest) = (parts[1], parts[2], 3);
        else return null;
        var tail = parts[rest..];
        string? ns = null;
        var isNamespaceSubresource = tail.Length == 3 && tail[0] == "namespaces" && tail[2] is "status" or "finalize";
        if (tail.Length >= 3 && tail[0] == "namespaces" && !isNamespaceSubresource)
        {
            ns = tail[1];
            tail = tail[2..];
        }
        if (tail.Length is 0 or > 3) return null;
        var type = catalog.Find(group, version, tail[0]);
        if (type is null || (ns is not null && !type.Namespaced)) return null;
        return new RequestTarget(type, ns, tail.Length > 1 ? tail[1] : null, tail.Length > 2 ? tail[2] : null);
    }
}

using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Models;

/// <summary>
/// Gateway API <c>gateway.networking.k8s.io/v1</c> HTTPRoute, which KubernetesClient has no model for: the Gateway it attaches to,
/// its hostnames and rules (path matches, weighted backendRefs).
/// </summary>
public sealed class V1HttpRoute : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeGroup = "gateway.networking.k8s.io";
    public const string KubeKind = "HTTPRoute";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = $"{KubeGroup}/{KubeApiVersion}";
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public V1HttpRouteSpec Spec { get; set; } = new();
}

public sealed class V1HttpRouteSpec
{
    [JsonPropertyName("parentRefs")] public IList<V1HttpRouteParentRef>? ParentRefs { get; set; }
    [JsonPropertyName("hostnames")] public IList<string>? Hostnames { get; set; }
    [JsonPropertyName("rules")] public IList<V1HttpRouteRule>? Rules { get; set; }
}

public sealed class V1HttpRouteParentRef
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("sectionName")] public string? SectionName { get; set; }
}

public sealed class V1HttpRouteRule
{
    [JsonPropertyName("matches")] public IList<V1HttpRouteMatch>? Matches { get; set; }
    [JsonPropertyName("backendRefs")] public IList<V1HttpBackendRef>? BackendRefs { get; set; }
}

public sealed class V1HttpRouteMatch
{
    [JsonPropertyName("path")] public V1HttpPathMatch? Path { get; set; }
}

public sealed class V1HttpPathMatch
{
    /// <summary>Exact, PathPrefix or RegularExpression.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
}

public sealed class V1HttpBackendRef
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    [JsonPropertyName("weight")] public int? Weight { get; set; }
}

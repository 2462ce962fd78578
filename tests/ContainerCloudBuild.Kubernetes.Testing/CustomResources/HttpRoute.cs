using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.CustomResources;

/// <summary>
/// Gateway API <c>gateway.networking.k8s.io/v1</c> HTTPRoute, the fields a traffic router reads and writes (KubernetesClient
/// has no model for it). Strict validation and typed reads (<c>Store.Get&lt;HttpRoute&gt;</c>) use this schema.
/// </summary>
public sealed class HttpRoute
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; set; }
    [JsonPropertyName("spec")] public HttpRouteSpec? Spec { get; set; }
    /// <summary>Written by the gateway controller; kept opaque.</summary>
    [JsonPropertyName("status")] public JsonObject? Status { get; set; }
}

public sealed class HttpRouteSpec
{
    [JsonPropertyName("parentRefs")] public IList<HttpRouteParentRef>? ParentRefs { get; set; }
    [JsonPropertyName("hostnames")] public IList<string>? Hostnames { get; set; }
    [JsonPropertyName("rules")] public IList<HttpRouteRule>? Rules { get; set; }
}

public sealed class HttpRouteParentRef
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("sectionName")] public string? SectionName { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
}

public sealed class HttpRouteRule
{
    [JsonPropertyName("name")] public string? Name { get; set; }
    /// <summary>Path, header, query and method matches; kept opaque.</summary>
    [JsonPropertyName("matches")] public JsonArray? Matches { get; set; }
    [JsonPropertyName("filters")] public JsonArray? Filters { get; set; }
    [JsonPropertyName("backendRefs")] public IList<HttpBackendRef>? BackendRefs { get; set; }
    [JsonPropertyName("timeouts")] public JsonObject? Timeouts { get; set; }
}

public sealed class HttpBackendRef
{
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
    [JsonPropertyName("port")] public int? Port { get; set; }
    /// <summary>Relative weight (0-1,000,000); 1 when absent.</summary>
    [JsonPropertyName("weight")] public int? Weight { get; set; }
    [JsonPropertyName("filters")] public JsonArray? Filters { get; set; }
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.CustomResources;

/// <summary>
/// OpenShift <c>route.openshift.io/v1</c> Route (KubernetesClient has no model for it): host, path, the <c>to</c> backend and
/// up to three <c>alternateBackends</c> with weights (0-256), port and TLS. Typed reads: <c>Store.Get&lt;OpenShiftRoute&gt;</c>.
/// </summary>
public sealed class OpenShiftRoute
{
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; set; }
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("metadata")] public V1ObjectMeta? Metadata { get; set; }
    [JsonPropertyName("spec")] public RouteSpec? Spec { get; set; }
    /// <summary>Written by the router (admission per shard); kept opaque.</summary>
    [JsonPropertyName("status")] public JsonObject? Status { get; set; }
}

public sealed class RouteSpec
{
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("subdomain")] public string? Subdomain { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("to")] public RouteTargetReference? To { get; set; }
    [JsonPropertyName("alternateBackends")] public IList<RouteTargetReference>? AlternateBackends { get; set; }
    [JsonPropertyName("port")] public RoutePort? Port { get; set; }
    [JsonPropertyName("tls")] public RouteTls? Tls { get; set; }
    [JsonPropertyName("wildcardPolicy")] public string? WildcardPolicy { get; set; }
}

public sealed class RouteTargetReference
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("weight")] public int? Weight { get; set; }
}

public sealed class RoutePort
{
    [JsonPropertyName("targetPort")] public IntOrString? TargetPort { get; set; }
}

public sealed class RouteTls
{
    /// <summary>edge, passthrough or reencrypt.</summary>
    [JsonPropertyName("termination")] public string? Termination { get; set; }
    [JsonPropertyName("certificate")] public string? Certificate { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("caCertificate")] public string? CaCertificate { get; set; }
    [JsonPropertyName("destinationCACertificate")] public string? DestinationCaCertificate { get; set; }
    [JsonPropertyName("insecureEdgeTerminationPolicy")] public string? InsecureEdgeTerminationPolicy { get; set; }
}

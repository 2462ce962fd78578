using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Manifests.Models;

/// <summary>
/// OpenShift <c>route.openshift.io/v1</c> Route, which KubernetesClient has no model for: host, path, the <c>to</c> Service and
/// <c>alternateBackends</c> with weights, the target port and TLS (edge, reencrypt, passthrough).
/// </summary>
public sealed class V1Route : IKubernetesObject<V1ObjectMeta>
{
    public const string KubeApiVersion = "v1";
    public const string KubeGroup = "route.openshift.io";
    public const string KubeKind = "Route";

    [JsonPropertyName("apiVersion")] public string ApiVersion { get; set; } = $"{KubeGroup}/{KubeApiVersion}";
    [JsonPropertyName("kind")] public string Kind { get; set; } = KubeKind;
    [JsonPropertyName("metadata")] public V1ObjectMeta Metadata { get; set; } = new();
    [JsonPropertyName("spec")] public V1RouteSpec Spec { get; set; } = new();
}

public sealed class V1RouteSpec
{
    [JsonPropertyName("host")] public string? Host { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("to")] public V1RouteTarget? To { get; set; }
    [JsonPropertyName("alternateBackends")] public IList<V1RouteTarget>? AlternateBackends { get; set; }
    [JsonPropertyName("port")] public V1RoutePort? Port { get; set; }
    [JsonPropertyName("tls")] public V1RouteTls? Tls { get; set; }
    [JsonPropertyName("wildcardPolicy")] public string? WildcardPolicy { get; set; }
}

public sealed class V1RouteTarget
{
    [JsonPropertyName("kind")] public string? Kind { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("weight")] public int? Weight { get; set; }
}

public sealed class V1RoutePort
{
    [JsonPropertyName("targetPort")] public IntOrString? TargetPort { get; set; }
}

public sealed class V1RouteTls
{
    /// <summary>edge, reencrypt or passthrough.</summary>
    [JsonPropertyName("termination")] public string? Termination { get; set; }
    [JsonPropertyName("insecureEdgeTerminationPolicy")] public string? InsecureEdgeTerminationPolicy { get; set; }
    [JsonPropertyName("certificate")] public string? Certificate { get; set; }
    [JsonPropertyName("key")] public string? Key { get; set; }
    [JsonPropertyName("caCertificate")] public string? CaCertificate { get; set; }
    [JsonPropertyName("destinationCACertificate")] public string? DestinationCACertificate { get; set; }
}

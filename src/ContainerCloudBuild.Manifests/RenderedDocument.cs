using k8s;

namespace ContainerCloudBuild.Manifests;

/// <summary>One rendered Kubernetes resource: its YAML text, identity, template and typed model.</summary>
public sealed record RenderedDocument(
    string Template,
    string ApiVersion,
    string Kind,
    string Name,
    string Yaml,
    IKubernetesObject Model)
{
    /// <summary>Kind/name, how diagnostics name the document.</summary>
    public string DisplayName => $"{Kind}/{Name}";

    /// <summary>File name when writing one file per resource, e.g. <c>deployment-hello-service.yaml</c>.</summary>
    public string FileName { get; init; } = "";
}

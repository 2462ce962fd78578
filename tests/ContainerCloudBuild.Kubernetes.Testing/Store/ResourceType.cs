namespace ContainerCloudBuild.Kubernetes.Testing.Store;

/// <summary>One served resource: where it lives in the API, its kind and the KubernetesClient model used for validation.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Kind,
    bool Namespaced,
    Type Model,
    bool HasStatus = false,
    string[]? ShortNames = null)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    /// <summary>"deployments.apps" or "pods": the name the real server uses in messages.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string Singular => Kind.ToLowerInvariant();
}

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>One object: its kind, namespace (null when cluster-scoped) and name.</summary>
public sealed record ResourceId(ResourceKind Kind, string? Namespace, string Name)
{
    public override string ToString() => Namespace is null ? $"{Kind.Kind}/{Name}" : $"{Kind.Kind}/{Name} (namespace {Namespace})";

    public string Path => Kind.Path(Namespace, Name);
}

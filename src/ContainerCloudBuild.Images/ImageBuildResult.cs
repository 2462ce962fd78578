namespace ContainerCloudBuild.Images;

/// <summary>A built image: its id (<c>sha256:...</c>), the tags applied and what the context held.</summary>
public sealed record ImageBuildResult(string ImageId, IReadOnlyList<string> Tags, IReadOnlyList<string> ContextEntries);

namespace ContainerCloudBuild.Images;

/// <summary>What goes into a base image made from Debian packages: the packages, extra files and links, and the entrypoint.</summary>
public sealed record BaseImageRecipe
{
    public required IReadOnlyList<string> Packages { get; init; }

    /// <summary>Files written into the root filesystem after the packages: path inside the image (absolute) to content and mode.</summary>
    public IReadOnlyList<RootFileSystemFile> Files { get; init; } = [];

    /// <summary>Symbolic links made in the root filesystem: link path (absolute) to target.</summary>
    public IReadOnlyDictionary<string, string> Symlinks { get; init; } = new Dictionary<string, string>();

    /// <summary>The image's ENTRYPOINT (exec form); empty leaves it unset.</summary>
    public IReadOnlyList<string> Entrypoint { get; init; } = [];

    /// <summary>The runtime-deps base for self-contained and framework-dependent .NET apps.</summary>
    public static BaseImageRecipe RuntimeDeps { get; } = new() { Packages = BaseImageBuilder.DefaultPackages };
}

/// <summary>A file the recipe writes into the root filesystem.</summary>
public sealed record RootFileSystemFile(string Path, string Content, UnixFileMode Mode);

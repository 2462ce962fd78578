namespace ContainerCloudBuild.Engine;

/// <summary>A normalised absolute path; <c>Root / "src" / "app"</c> combines segments.</summary>
public sealed record AbsolutePath
{
    public AbsolutePath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!System.IO.Path.IsPathRooted(path))
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        Path = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar) is { Length: > 0 } p ? p : "/";
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public AbsolutePath? Parent => System.IO.Path.GetDirectoryName(Path) is { } parent ? new AbsolutePath(parent) : null;

    public bool Exists => File.Exists(Path) || Directory.Exists(Path);

    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return new AbsolutePath(System.IO.Path.Combine(left.Path, right));
    }

    public static AbsolutePath Divide(AbsolutePath left, string right) => left / right;

    public static implicit operator string(AbsolutePath path) => path?.Path ?? throw new ArgumentNullException(nameof(path));

    public override string ToString() => Path;
}

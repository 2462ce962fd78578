namespace ContainerCloudBuild.Images;

/// <summary>Writes a recipe's own files and links into an extracted root filesystem.</summary>
internal static class RootFileSystem
{
    public static void Add(string rootfs, BaseImageRecipe recipe)
    {
        foreach (var file in recipe.Files)
        {
            var path = Inside(rootfs, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content.ReplaceLineEndings("\n"));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, file.Mode);
        }
        foreach (var (link, target) in recipe.Symlinks)
        {
            var path = Inside(rootfs, link);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (File.Exists(path) || Directory.Exists(path))
                File.Delete(path);
            File.CreateSymbolicLink(path, target);
        }
    }

    private static string Inside(string rootfs, string absolutePath)
    {
        if (!absolutePath.StartsWith('/') || absolutePath.Split('/').Contains(".."))
            throw new ArgumentException($"'{absolutePath}' must be an absolute path inside the image without '..'.", nameof(absolutePath));
        return Path.Combine(rootfs, absolutePath.TrimStart('/'));
    }
}

namespace ContainerCloudBuild;

/// <summary>Finds the repository root: the nearest folder upwards that holds <c>.nuke/</c>.</summary>
public static class RootLocator
{
    public static string Find(params string[] startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                    return dir.FullName;
            }
        }

        return startDirectories.Length > 0 ? Path.GetFullPath(startDirectories[0]) : Environment.CurrentDirectory;
    }
}

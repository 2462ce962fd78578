namespace ContainerCloudBuild.Tests.EndToEnd;

/// <summary>Finds the repository (the folder holding ContainerCloudBuild.sln) from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ContainerCloudBuild.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("ContainerCloudBuild.sln not found above " + AppContext.BaseDirectory);
    }
}

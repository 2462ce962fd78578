namespace ContainerCloudBuild.Packaging.Tests.Support;

/// <summary>This repository's checkout (the folder holding ContainerCloudBuild.sln) and the configuration the tests were built in.</summary>
internal static class SourceTree
{
    public static string Root { get; } = Find();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No ContainerCloudBuild.sln above {AppContext.BaseDirectory}.");
    }
}

using System.Runtime.CompilerServices;

namespace ContainerCloudBuild.Manifests.Tests;

/// <summary>Locations in the source tree: the shipped templates, the sample service, test cases and goldens.</summary>
internal static class TestPaths
{
    public static string TestsDirectory { get; } = Here();
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestsDirectory, "..", ".."));
    public static string Templates { get; } = Path.Combine(RepositoryRoot, "templates", "manifests");
    public static string SampleService { get; } = Path.Combine(RepositoryRoot, "templates", "samples", "hello-service");
    public static string Cases { get; } = Path.Combine(TestsDirectory, "Cases");
    public static string Goldens { get; } = Path.Combine(TestsDirectory, "Goldens");

    /// <summary>The test project folder: found above the test binaries (robust to CI path mapping), else the source path.</summary>
    private static string Here([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCloudBuild.Manifests.Tests.csproj")))
                return dir.FullName;
        }
        return Path.GetDirectoryName(path)!;
    }
}

using ContainerCloudBuild.Testing;

[assembly: AssemblyFixture(typeof(ContainerCloudBuild.Packaging.Tests.Support.PackedFeed))]

namespace ContainerCloudBuild.Packaging.Tests.Support;

/// <summary>
/// The libraries (from the solution, built in this configuration) and the template pack packed once, with a version no
/// other run uses, into a throw-away folder feed. On dispose the version's folders leave the global packages cache.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempDirectory _directory = new("ccb-feed");

    public string Directory => _directory.Path;

    public string Version { get; } = $"0.0.0-test.g{Guid.NewGuid():N}"[..30];

    public IReadOnlyDictionary<string, string> NoEnvironment { get; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        (await DotNetCli.RunAsync(SourceTree.Root, NoEnvironment, ct, "pack", "ContainerCloudBuild.sln", "-c", SourceTree.Configuration, "--no-build",
            "-o", Directory, $"-p:Version={Version}", "-nologo", "-v", "q")).EnsureSuccess("dotnet pack ContainerCloudBuild.sln");
        (await DotNetCli.RunAsync(SourceTree.Root, NoEnvironment, ct, "pack", "templates/ContainerCloudBuild.Templates.csproj", "-c", SourceTree.Configuration,
            "-o", Directory, $"-p:Version={Version}", "-nologo", "-v", "q")).EnsureSuccess("dotnet pack the templates");
    }

    /// <summary>A nuget.config adding this feed to the machine's sources, written into <paramref name="directory"/>.</summary>
    public void WriteNuGetConfig(TempDirectory directory) =>
        directory.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ccb-local" value="{Directory}" />
              </packageSources>
            </configuration>
            """);

    public ValueTask DisposeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var package in System.IO.Directory.EnumerateFiles(Directory, "*.nupkg"))
        {
            var id = Path.GetFileName(package)[..^($".{Version}.nupkg".Length)].ToLowerInvariant();
            var folder = Path.Combine(cache, id, Version);
            if (System.IO.Directory.Exists(folder))
                System.IO.Directory.Delete(folder, recursive: true);
            var idFolder = Path.Combine(cache, id);
            if (System.IO.Directory.Exists(idFolder) && !System.IO.Directory.EnumerateFileSystemEntries(idFolder).Any())
                System.IO.Directory.Delete(idFolder);
        }
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Formats.Tar;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Images.Tests;

public sealed class BuildContextArchiveTests
{
    private static async Task<Dictionary<string, TarEntry>> EntriesAsync(string context, string dockerfile, CancellationToken ct)
    {
        using var tar = new MemoryStream();
        await BuildContextArchive.WriteAsync(context, dockerfile, tar, ct);
        tar.Position = 0;
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
            entries[entry.Name] = entry;
        return entries;
    }

    [Fact]
    public async Task WriteAsync_DockerIgnore_LeavesOutExcludedAndKeepsExceptions()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory("ccb-ctx");
        dir.WriteFile("Dockerfile", "FROM scratch\n");
        dir.WriteFile(".dockerignore", "# build output\nbin\nobj/\n*.md\n!README.md\ndocs\n!docs/keep.txt\n");
        foreach (var file in new[] { "bin/app.dll", "obj/x.json", "README.md", "NOTES.md", "docs/keep.txt", "docs/drop.txt", "src/main.cs", "src/sub/readme.md" })
            dir.WriteFile(file, file);

        var entries = await EntriesAsync(dir.Path, "Dockerfile", ct);

        Assert.Equal(
            [".dockerignore", "Dockerfile", "README.md", "docs/keep.txt", "src/", "src/main.cs", "src/sub/", "src/sub/readme.md"],
            entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, entries["src/main.cs"].Uid);
    }

    [Fact]
    public async Task WriteAsync_IgnoreFileExcludesDockerfileAndItself_BothAreStillSent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory("ccb-ctx");
        dir.WriteFile("build/Dockerfile", "FROM scratch\n");
        dir.WriteFile(".dockerignore", "build\n.dockerignore\n");
        dir.WriteFile("build/other.txt", "x");

        var entries = await EntriesAsync(dir.Path, "build/Dockerfile", ct);

        Assert.Equal([".dockerignore", "build/Dockerfile"], entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WriteAsync_DockerfileOutsideContext_IsAddedUnderGeneratedName()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory("ccb-ctx");
        dir.WriteFile("context/app.txt", "app");
        var dockerfile = dir.WriteFile("elsewhere/Dockerfile", "FROM scratch\nCOPY app.txt /\n");
        using var tar = new MemoryStream();

        var result = await BuildContextArchive.WriteAsync(dir.Combine("context"), dockerfile, tar, ct);

        Assert.StartsWith(".dockerfile.", result.DockerfileName, StringComparison.Ordinal);
        tar.Position = 0;
        using var reader = new TarReader(tar);
        var names = new List<string>();
        string? content = null;
        while (await reader.GetNextEntryAsync(copyData: true, ct) is { } entry)
        {
            names.Add(entry.Name);
            if (entry.Name == result.DockerfileName)
                content = new StreamReader(entry.DataStream!).ReadToEnd();
        }
        Assert.Equal(["app.txt", result.DockerfileName], names);
        Assert.Equal("FROM scratch\nCOPY app.txt /\n", content);
    }

    [Fact]
    public async Task WriteAsync_SymlinkAndExecutableBit_ArePreserved()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only");
            return;
        }
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory("ccb-ctx");
        dir.WriteFile("Dockerfile", "FROM scratch\n");
        var script = dir.WriteFile("run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(dir.Combine("link.sh"), "run.sh");

        var entries = await EntriesAsync(dir.Path, "Dockerfile", ct);

        Assert.True(entries["run.sh"].Mode.HasFlag(UnixFileMode.UserExecute));
        Assert.Equal(TarEntryType.SymbolicLink, entries["link.sh"].EntryType);
        Assert.Equal("run.sh", entries["link.sh"].LinkName);
    }
}

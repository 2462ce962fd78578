using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Files.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task WriteAllText_ManyWritersOfOneFileAtOnce_NoneFailsAndTheFileIsOneWholeWrite()
    {
        // A new user's run saw a Deploy and an Abort of the same checkout write last-run.json together: one moved the other's
        // "last-run.json.tmp" away ("Could not find file ... last-run.json.tmp").
        using var directory = new TempDirectory("ccb-atomic");
        var path = directory.Combine("nested", "last-run.json");
        var contents = Enumerable.Range(0, 8).Select(w => new string((char)('a' + w), 20_000)).ToList();

        await Task.WhenAll(contents.Select(text => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
                AtomicFile.WriteAllText(path, text);
        }, TestContext.Current.CancellationToken)));

        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(["last-run.json"], FileNamesIn(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task WriteAsync_WriteThrowsHalfway_PreviousContentStaysAndNoTempFileIsLeft()
    {
        using var directory = new TempDirectory("ccb-atomic");
        var path = directory.WriteFile("state.json", "previous");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("half a new sta"u8.ToArray(), token);
            throw new InvalidOperationException("serialiser failed");
        }, TestContext.Current.CancellationToken));

        Assert.Equal("serialiser failed", thrown.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal(["state.json"], FileNamesIn(directory.Path));
    }

    [Fact]
    public void WriteAllText_RenameFails_ThrowsAndNoTempFileIsLeft()
    {
        using var directory = new TempDirectory("ccb-atomic");
        var path = directory.Combine("taken");
        Directory.CreateDirectory(path); // a directory cannot be replaced by a file

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(path, "text"));

        Assert.Empty(FileNamesIn(directory.Path));
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public async Task WriteAllTextAsync_MissingDirectory_CreatesItAndWritesUtf8WithoutByteOrderMark()
    {
        using var directory = new TempDirectory("ccb-atomic");
        var path = directory.Combine("backends", "app.cfg");

        await AtomicFile.WriteAllTextAsync(path, "backend ä", TestContext.Current.CancellationToken);

        Assert.Equal("backend ä"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(["app.cfg"], FileNamesIn(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Copy_ExistingDestination_IsReplacedByTheWholeSource()
    {
        using var directory = new TempDirectory("ccb-atomic");
        var source = directory.WriteFile("app.state.json", "current");
        var destination = directory.WriteFile("app.state.previous.json", "older");

        AtomicFile.Copy(source, destination);

        Assert.Equal("current", File.ReadAllText(destination));
        Assert.Equal("current", File.ReadAllText(source));
        Assert.Equal(["app.state.json", "app.state.previous.json"], FileNamesIn(directory.Path));
    }

    [Fact]
    public void Copy_MissingSource_ThrowsFileNotFoundAndLeavesTheDestinationAsItWas()
    {
        using var directory = new TempDirectory("ccb-atomic");
        var destination = directory.WriteFile("app.state.previous.json", "older");

        Assert.Throws<FileNotFoundException>(() => AtomicFile.Copy(directory.Combine("app.state.json"), destination));

        Assert.Equal("older", File.ReadAllText(destination));
        Assert.Equal(["app.state.previous.json"], FileNamesIn(directory.Path));
    }

    private static IEnumerable<string?> FileNamesIn(string directory) =>
        Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);
}

using ContainerCloudBuild.Engine.Files;

namespace ContainerCloudBuild.Engine.Tests.Files;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task WriteAllText_ManyWritersOfOneFileAtOnce_NoneFailsAndTheFileIsOneWholeWrite()
    {
        // A new user's run saw a Deploy and an Abort of the same checkout write last-run.json together: one moved the other's
        // "last-run.json.tmp" away ("Could not find file ... last-run.json.tmp").
        var directory = Directory.CreateTempSubdirectory("ccb-atomic-");
        try
        {
            var path = Path.Combine(directory.FullName, "nested", "last-run.json");
            var contents = Enumerable.Range(0, 8).Select(w => new string((char)('a' + w), 20_000)).ToList();

            await Task.WhenAll(contents.Select(text => Task.Run(() =>
            {
                for (var i = 0; i < 100; i++)
                    AtomicFile.WriteAllText(path, text);
            }, TestContext.Current.CancellationToken)));

            Assert.Contains(File.ReadAllText(path), contents);
            Assert.Equal(["last-run.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

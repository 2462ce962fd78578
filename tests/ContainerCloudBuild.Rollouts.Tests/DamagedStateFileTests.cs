using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class DamagedStateFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RolloutState State(string stable) => new()
    {
        App = "hello", Strategy = RolloutStrategy.BlueGreen, Phase = RolloutPhase.Completed,
        Stable = new RevisionInfo { Revision = stable, Image = "img", Digest = "sha256:" + new string('a', 64), Address = "127.0.0.1:1234" },
    };

    [Fact]
    public async Task Load_EditedIntoInvalidJson_NamesFileAndHowToRecoverFromPreviousGoodState()
    {
        using var dir = new TempDirectory();
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);
        await store.SaveAsync(State("v1"), Ct);
        await store.SaveAsync(State("v2"), Ct);
        var path = store.StatePath("hello");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path, Ct)).Replace("\"app\"", "app", StringComparison.Ordinal), Ct);

        var ex = await Assert.ThrowsAsync<RolloutStateUnreadableException>(() => store.LoadAsync("hello", Ct));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"cp '{store.PreviousStatePath("hello")}' '{path}'", ex.Message, StringComparison.Ordinal);
        File.Copy(ex.PreviousGoodPath!, path, overwrite: true);
        Assert.Equal("v1", (await store.LoadAsync("hello", Ct))!.Stable!.Revision);
    }

    [Fact]
    public async Task Load_TruncatedWithoutPreviousState_SaysHowToStartOver()
    {
        using var dir = new TempDirectory();
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);
        await store.SaveAsync(State("v1"), Ct);
        var path = store.StatePath("hello");
        var text = await File.ReadAllTextAsync(path, Ct);
        await File.WriteAllTextAsync(path, text[..(text.Length / 2)], Ct);

        var ex = await Assert.ThrowsAsync<RolloutStateUnreadableException>(() => store.LoadAsync("hello", Ct));

        Assert.Null(ex.PreviousGoodPath);
        Assert.Contains($"mv '{path}' '{path}.damaged'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_OverDamagedFile_KeepsTheLastGoodStateAsPrevious()
    {
        using var dir = new TempDirectory();
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);
        await store.SaveAsync(State("v1"), Ct);
        await store.SaveAsync(State("v2"), Ct);
        await File.WriteAllTextAsync(store.StatePath("hello"), "{ damaged", Ct);

        await store.SaveAsync(State("v3"), Ct);

        Assert.Equal("v3", (await store.LoadAsync("hello", Ct))!.Stable!.Revision);
        var previous = await RolloutJson.ReadAsync<RolloutState>(store.PreviousStatePath("hello"), Ct);
        Assert.Equal("v1", previous!.Stable!.Revision);
        Assert.Equal(["hello.state.json", "hello.state.previous.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}

using System.Diagnostics;
using ContainerCloudBuild.Rollouts.State;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class FileRolloutStateStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Save_ThenLoadFromNewStore_RoundTripsSpecAndLeavesNoTempFiles()
    {
        using var dir = new TempDirectory();
        var state = new RolloutState
        {
            App = "hello", Strategy = RolloutStrategy.Canary, Phase = RolloutPhase.Paused, StepIndex = 3, CandidateWeight = 40,
            Candidate = new RevisionInfo
            {
                Revision = "v2", Image = "img", Digest = "sha256:" + new string('b', 64), Address = "127.0.0.1:1234", ReplicaAddresses = ["127.0.0.1:1234", "127.0.0.1:1235"],
            },
            Canary = new CanarySpec
            {
                App = "hello", Revision = "v2", Workload = new WorkloadSpec { Image = "img", Environment = new Dictionary<string, string> { ["A"] = "1" }, Replicas = 2 },
                Steps = [CanaryStep.SetWeight(40), CanaryStep.Pause(TimeSpan.FromSeconds(5)), CanaryStep.Analysis("rate")],
            },
        };
        await new FileRolloutStateStore(dir.Path, TimeProvider.System).SaveAsync(state, Ct);

        var loaded = await new FileRolloutStateStore(dir.Path, TimeProvider.System).LoadAsync("hello", Ct);

        Assert.NotNull(loaded);
        Assert.Equal(RolloutPhase.Paused, loaded.Phase);
        Assert.Equal(40, loaded.CandidateWeight);
        Assert.Equal(state.Candidate, loaded.Candidate);
        Assert.Equal(TimeSpan.FromSeconds(5), loaded.Canary!.Steps[1].Duration);
        Assert.Equal("1", loaded.Canary.Workload.Environment["A"]);
        Assert.Equal(2, loaded.Canary.Workload.Replicas);
        Assert.Equal(["127.0.0.1:1234", "127.0.0.1:1235"], loaded.Candidate!.AllAddresses());
        Assert.Equal(["hello.state.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TryLock_HeldByLiveProcess_ReturnsOwner()
    {
        using var dir = new TempDirectory();
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);
        var (first, _) = await store.TryLockAsync("hello", Ct);
        Assert.NotNull(first);

        var (second, owner) = await store.TryLockAsync("hello", Ct);

        Assert.Null(second);
        Assert.Equal(Environment.ProcessId, owner!.ProcessId);
        await first.DisposeAsync();
        var (third, _) = await store.TryLockAsync("hello", Ct);
        Assert.NotNull(third);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task TryLock_HeldByDeadProcess_IsTakenOver()
    {
        using var dir = new TempDirectory();
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync(Ct);
        var deadPid = process.Id;
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "hello.lock"),
            $$"""{"processId":{{deadPid}},"acquiredAt":"2026-01-01T00:00:00+00:00","host":"{{Environment.MachineName}}"}""", Ct);
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);

        var (handle, owner) = await store.TryLockAsync("hello", Ct);

        Assert.NotNull(handle);
        Assert.Null(owner);
        await handle.DisposeAsync();
    }

    [Fact]
    public async Task TakeCommands_ReturnsInPostedOrderOnce()
    {
        using var dir = new TempDirectory();
        var store = new FileRolloutStateStore(dir.Path, TimeProvider.System);
        var t0 = DateTimeOffset.UnixEpoch;
        await store.PostCommandAsync("hello", new RolloutCommand(RolloutCommandKind.Promote, t0), Ct);
        await store.PostCommandAsync("hello", new RolloutCommand(RolloutCommandKind.Abort, t0.AddSeconds(1), "why"), Ct);

        var taken = await store.TakeCommandsAsync("hello", Ct);

        Assert.Equal([RolloutCommandKind.Promote, RolloutCommandKind.Abort], taken.Select(c => c.Kind));
        Assert.Equal("why", taken[1].Reason);
        Assert.Empty(await store.TakeCommandsAsync("hello", Ct));
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("../etc")]
    [InlineData("")]
    public async Task Load_InvalidAppName_Throws(string app)
    {
        var store = new FileRolloutStateStore(Path.GetTempPath(), TimeProvider.System);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.LoadAsync(app, Ct));
    }
}

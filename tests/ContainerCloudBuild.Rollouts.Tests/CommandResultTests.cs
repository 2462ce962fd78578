using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

/// <summary>A command that did what was asked is a success for its caller, whichever process applied it.</summary>
public sealed class CommandResultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Abort_NoProcessRunsTheRollout_AppliesItHereAndSucceeds()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var crashed = await StartPausedCanaryThenCrashAsync(h);

        var abort = await h.DriveAsync(h.Controller().AbortAsync("hello", "operator says no", Ct));

        Assert.True(abort.Succeeded, abort.Message);
        Assert.Equal(RolloutPhase.Aborted, abort.Phase);
        Assert.Contains("operator says no", abort.Message, StringComparison.Ordinal);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.Equal(["v1"], h.Driver.Running);
        Assert.True(crashed.IsCanceled);
    }

    [Fact]
    public async Task Abort_NothingInProgress_FailsSayingSo()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");

        var abort = await h.Controller().AbortAsync("hello", "why not", Ct);

        Assert.False(abort.Succeeded);
        Assert.Contains("nothing to Abort", abort.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_NoProcessRunsTheRollout_RunsItToCompletion()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        await StartPausedCanaryThenCrashAsync(h);

        var promote = await h.DriveAsync(h.Controller().PromoteAsync("hello", full: true, Ct));

        Assert.True(promote.Succeeded, promote.Message);
        Assert.Equal(RolloutPhase.Completed, promote.Phase);
        Assert.Equal(100, h.Router.Weights["v2"]);
    }

    [Theory]
    [InlineData(RolloutCommandKind.Abort, RolloutPhase.Aborted, true)]
    [InlineData(RolloutCommandKind.Promote, RolloutPhase.Aborted, false)]
    [InlineData(RolloutCommandKind.PromoteFull, RolloutPhase.Failed, false)]
    [InlineData(RolloutCommandKind.Abort, RolloutPhase.Failed, false)]
    public void AsOutcomeOf_OnlyAnAbortThatAbortedIsTurnedIntoSuccess(RolloutCommandKind kind, RolloutPhase phase, bool succeeded)
    {
        var result = new RolloutResult(false, phase, "m", null).AsOutcomeOf(kind);

        Assert.Equal(succeeded, result.Succeeded);
    }

    /// <summary>A canary paused at 25% whose process then died: state saved, lock released, nobody running it.</summary>
    private static async Task<Task> StartPausedCanaryThenCrashAsync(Harness h)
    {
        using var process = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = h.Controller().StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(25), CanaryStep.Pause()), process.Token);
        await h.WaitUntilAsync(() => h.Events.Kinds.Contains(RolloutEventKind.Paused));
        await process.CancelAsync();
        try { await run; } catch (OperationCanceledException) { }
        Assert.Null(await h.Store.GetLockOwnerAsync("hello", Ct));
        Assert.Equal(RolloutPhase.Paused, (await h.Store.LoadAsync("hello", Ct))!.Phase);
        return run;
    }
}

using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

/// <summary>The hook port: gating at PreRollout/PrePromotion, approval of a manual gate, reporting at the other points.</summary>
public sealed class RolloutHooksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class FakeHooks(Func<RolloutHookRequest, RolloutHookResult> answer) : IRolloutHooks
    {
        public List<RolloutHookRequest> Calls { get; } = [];

        public Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken)
        {
            lock (Calls) Calls.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private static RolloutController Controller(Harness h, IRolloutHooks hooks, IAnalysisRunner? analysis = null) =>
        new(h.Driver, h.Router, h.Store, h.Events, h.Time) { Hooks = hooks, Analysis = analysis };

    private static RolloutHookResult Block(RolloutHookPoint point, RolloutHookRequest r) =>
        r.Point == point ? new RolloutHookResult(false, false, "gating hook 'freeze' failed: answered 503") : RolloutHookResult.None;

    [Fact]
    public async Task Canary_PrePromotionHookBlocks_AbortsToStableInsteadOfPromoting()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var hooks = new FakeHooks(r => Block(RolloutHookPoint.PrePromotion, r));

        var result = await h.DriveAsync(Controller(h, hooks, new FakeAnalysisRunner(AnalysisVerdict.Successful))
            .StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(30), CanaryStep.Analysis("success-rate")), Ct));

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains("promotion blocked by a pre-promotion hook: gating hook 'freeze' failed", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 100);
        Assert.Equal([RolloutHookPoint.PreRollout, RolloutHookPoint.PrePromotion, RolloutHookPoint.OnAbort], hooks.Calls.Select(c => c.Point));
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.HookBlocked && e.Message.StartsWith("PrePromotion blocked", StringComparison.Ordinal));
        Assert.Equal(AnalysisVerdict.Successful, result.State.LastAnalysis!.Verdict);
    }

    [Fact]
    public async Task Canary_HooksAllow_RunAtEveryPointInOrder()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var hooks = new FakeHooks(_ => RolloutHookResult.None);

        var result = await h.DriveAsync(Controller(h, hooks).StartCanaryAsync(Harness.Canary("v2", CanaryStep.SetWeight(30)), Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal([RolloutHookPoint.PreRollout, RolloutHookPoint.PrePromotion, RolloutHookPoint.PostPromotion, RolloutHookPoint.OnComplete],
            hooks.Calls.Select(c => c.Point));
        Assert.All(hooks.Calls, c => Assert.Equal("hello", c.App));
        Assert.Equal("v2", hooks.Calls[1].Candidate!.Revision);
    }

    [Fact]
    public async Task Deploy_PreRolloutHookBlocks_FailsWithoutStartingTheRevision()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var hooks = new FakeHooks(r => Block(RolloutHookPoint.PreRollout, r));

        var result = await h.DriveAsync(Controller(h, hooks).DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        Assert.Equal(RolloutPhase.Failed, result.Phase);
        Assert.Contains("Blocked by a pre-rollout hook", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("v2", h.Driver.Running);
        Assert.Equal("v1", result.State!.Stable!.Revision);
    }

    [Fact]
    public async Task BlueGreen_GatingHookApproves_ManualGatePassesWithoutPromote()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var hooks = new FakeHooks(r => r.Point == RolloutHookPoint.PrePromotion ? new RolloutHookResult(true, true, "approved by 'release-bot'") : RolloutHookResult.None);

        var result = await h.DriveAsync(Controller(h, hooks).DeployBlueGreenAsync(Harness.BlueGreen("v2", autoPromote: false), Ct));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("v2", result.State!.Stable!.Revision);
        Assert.Null(h.Events.Events.FirstOrDefault(e => e.Kind == RolloutEventKind.AwaitingPromotion));
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.Hook && e.Message == "PrePromotion approved: approved by 'release-bot'");
    }

    [Fact]
    public async Task BlueGreen_PrePromotionHookBlocks_NeverSwitches()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var hooks = new FakeHooks(r => Block(RolloutHookPoint.PrePromotion, r));

        var result = await h.DriveAsync(Controller(h, hooks).DeployBlueGreenAsync(Harness.BlueGreen("v2"), Ct));

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 100);
        Assert.Equal(100, h.Router.Weights["v1"]);
    }
}

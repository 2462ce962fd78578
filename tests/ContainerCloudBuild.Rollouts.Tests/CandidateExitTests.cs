using ContainerCloudBuild.Rollouts.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Tests;

public sealed class CandidateExitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset KilledAt = new(2026, 1, 1, 12, 0, 1, TimeSpan.Zero);

    [Fact]
    public async Task Canary_CandidateKilledDuringPause_AbortReasonStartsWithTheExit()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var run = h.Controller().StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Pause(TimeSpan.FromSeconds(10)), CanaryStep.SetWeight(50)), Ct);
        await h.WaitUntilAsync(() => h.Events.Events.Any(e => e.Kind == RolloutEventKind.Paused));

        h.Driver.Kill("v2", 137, oomKilled: false, KilledAt, "listening on :8080", "GET /version 200");
        var result = await h.DriveAsync(run);

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.StartsWith(
            "Aborted: candidate v2 container exited with code 137 (killed, OOM: no) at 12:00:01; last log lines: listening on :8080 | GET /version 200",
            result.Message, StringComparison.Ordinal);
        Assert.Equal(100, h.Router.Weights["v1"]);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 50);
        Assert.Contains(h.Events.Events, e => e.Kind == RolloutEventKind.CandidateExited && e.Revision == "v2");
    }

    [Fact]
    public async Task Canary_AnalysisFailsAfterOomKill_ReasonLeadsWithTheExitThenTheAnalysis()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var analysis = new KillingAnalysisRunner(h.Driver, "v2");

        var result = await h.DriveAsync(h.Controller(analysis).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Analysis("haproxy-canary")), Ct));

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.StartsWith("Aborted: candidate v2 container exited with code 137 (killed, OOM: yes) at 12:00:01; last log lines: out of memory; analysis 'haproxy-canary' failed: no data",
            result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canary_CandidateRunning_NoExitInTheFailureReason()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");

        var result = await h.DriveAsync(h.Controller(new FakeAnalysisRunner(AnalysisVerdict.Failed)).StartCanaryAsync(
            Harness.Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Analysis("success-rate")), Ct));

        Assert.Equal("Aborted: analysis 'success-rate' failed: success-rate Failed", result.Message);
        Assert.DoesNotContain(h.Events.Events, e => e.Kind == RolloutEventKind.CandidateExited);
    }

    [Fact]
    public async Task BlueGreen_CandidateKilledWhileAwaitingPromotion_AbortsInsteadOfSwitching()
    {
        var h = new Harness();
        await h.SeedStableAsync("v1");
        var controller = h.Controller();
        var run = controller.DeployBlueGreenAsync(Harness.BlueGreen("v2", autoPromote: false), Ct);
        await h.WaitUntilAsync(() => h.Events.Events.Any(e => e.Kind == RolloutEventKind.AwaitingPromotion));

        h.Driver.Kill("v2", 1, oomKilled: false, KilledAt, "panic: nil map");
        var promote = controller.PromoteAsync("hello", full: false, Ct);
        var result = await h.DriveAsync(run);
        await h.DriveAsync(promote);

        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.StartsWith("Aborted: candidate v2 container exited with code 1 (OOM: no) at 12:00:01; last log lines: panic: nil map", result.Message, StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.DoesNotContain(h.Router.History, w => w.GetValueOrDefault("v2") == 100);
    }

    [Fact]
    public void Describe_OneReplicaOfSeveralExited_NamesTheReplicaAndItsInstance()
    {
        var exit = new WorkloadExit("v2") { Replica = 1, ReplicaCount = 3, InstanceName = "ccb-hello-v2-1", ExitCode = 137, OomKilled = true, LastLogs = ["out of memory"] };

        Assert.Equal("candidate v2 replica 1 of 3 (ccb-hello-v2-1) container exited with code 137 (killed, OOM: yes); last log lines: out of memory", exit.Describe());
    }

    [Fact]
    public void Describe_RemovedWorkload_SaysItIsGone()
    {
        Assert.Equal("candidate v2 container is gone (removed outside the rollout)", new WorkloadExit("v2") { Exists = false }.Describe());
    }

    /// <summary>The candidate is OOM-killed while it is measured; the measurement then has no data.</summary>
    private sealed class KillingAnalysisRunner(FakeWorkloadDriver driver, string revision) : IAnalysisRunner
    {
        public Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
        {
            driver.Kill(revision, 137, oomKilled: true, KilledAt, "out of memory");
            return Task.FromResult(new RolloutAnalysisResult(AnalysisVerdict.Failed, "no data (the query returned NaN)",
                [new RolloutAnalysisMeasurement("success-rate", null, ">= 0.99", AnalysisVerdict.Failed)]));
        }
    }
}

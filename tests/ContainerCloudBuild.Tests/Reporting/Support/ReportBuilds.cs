using ContainerCloudBuild.Containers;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Harbor;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Reporting;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Events;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Tests.EndToEnd;

namespace ContainerCloudBuild.Tests.Reporting.Support;

/// <summary>What every report build shares: a secret parameter that its output, events and failures mention.</summary>
internal abstract class ReportBuild : PipelineBuild
{
    [Parameter("A token the build must never show"), Secret] public string? ApiToken { get; set; }

    protected Target Restore => _ => _.Executes(async ct =>
    {
        Context.Console.Info($"restoring with token {ApiToken}");
        Context.Events.Add("note", $"feed authenticated with {ApiToken}");
        await Task.Delay(150, ct);
    });

    protected Target Lint => _ => _.DependsOn(Restore).Executes(ct => Task.Delay(400, ct));
}

/// <summary>A passing pipeline: parallel targets, an image pushed and scanned in Harbor (the test server), manifests rendered, one target skipped.</summary>
internal sealed class PassingReportBuild : ReportBuild
{
    public required Uri HarborUrl { get; init; }
    public const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

    Target Compile => _ => _.DependsOn(Restore).Executes(ct => Task.Delay(300, ct));

    Target Image => _ => _.DependsOn(Compile).Executes(async ct =>
    {
        await Task.Delay(200, ct);
        foreach (var tag in (string[])["1.4.0", "latest"])
            Context.Events.Record(ReportKinds.ImageBuilt, tag, new ReportedImage(ImageAction.Built, $"127.0.0.1:5000/team/orders:{tag}", null));
        Context.Events.Record(ReportKinds.ImagePushed, "1.4.0", new ReportedImage(ImageAction.Pushed, $"127.0.0.1:5000/team/orders:1.4.0@{Digest}", Digest));
    });

    Target ScanGate => _ => _.DependsOn(Image).Executes(async ct =>
    {
        using var harbor = new HarborTasks(Context, HarborUrl, "admin", "Harbor12345");
        await harbor.ScanGateAsync(Abstractions.ImageReference.Parse($"127.0.0.1:5000/team/orders:1.4.0@{Digest}"), Severity.High, TimeSpan.FromSeconds(30), ct);
    });

    Target Render => _ => _.DependsOn(Image).Executes(async ct =>
    {
        var request = RenderRequest.ForService(Path.Combine(RepositoryRoot.Path, "templates", "manifests"), Path.Combine(RepositoryRoot.Path, "templates", "samples", "hello-service"), "staging")
            with { Image = Abstractions.ImageReference.Parse($"127.0.0.1:5000/team/orders@{Digest}"), OutputDirectory = RootDirectory / "artifacts" / "manifests" / "staging" };
        await new ManifestTasks(Context).RenderAsync(request, ct);
    });

    Target Publish => _ => _.DependsOn(ScanGate, Render, Lint).OnlyWhenDynamic(() => IsTagBuild).Executes(() => { });

    bool IsTagBuild => false;
}

/// <summary>A build whose compile fails, naming the secret in its message: the tests after it do not run.</summary>
internal sealed class FailingReportBuild : ReportBuild
{
    Target Compile => _ => _.DependsOn(Restore).Executes(async ct =>
    {
        await Task.Delay(250, ct);
        throw new InvalidOperationException($"src/Orders/Api.cs(12,5): error CS1002: ; expected (restored with token {ApiToken})");
    });

    Target Test => _ => _.DependsOn(Compile, Lint).Executes(() => { });
}

/// <summary>
/// A canary of v2 over v1 whose second analysis fails, so traffic goes back to v1: the rollout controller over the
/// rollout tests' stand-ins (driver, router, state store, analysis), its events wired into the run record as Deploy does.
/// </summary>
internal sealed class RolledBackCanaryBuild : ReportBuild
{
    Target Deploy => _ => _.DependsOn(Restore).Executes(async ct =>
    {
        var log = new CallLog();
        IRolloutEvents events = new RedactingRolloutEvents(new RunRecordRolloutEvents(Context.Events), Context.Secrets.Apply);
        var controller = new RolloutController(new FakeWorkloadDriver(log), new FakeTrafficRouter(log), new InMemoryRolloutStateStore(), events, Context.TimeProvider)
        {
            Analysis = new SlowAnalysis(new FakeAnalysisRunner(AnalysisVerdict.Successful, AnalysisVerdict.Failed), TimeSpan.FromMilliseconds(300)),
            Hooks = new TokenHooks($"change approved by deploy-bot (token {ApiToken})"),
        };
        await controller.StartCanaryAsync(Canary("v1"), ct);
        var result = await controller.StartCanaryAsync(
            Canary("v2", CanaryStep.SetWeight(20), CanaryStep.Analysis("success-rate"), CanaryStep.SetWeight(50), CanaryStep.Analysis("success-rate"), CanaryStep.SetWeight(80)), ct);
        if (!result.Succeeded) throw new RolloutFailedException(result);
    });

    private static CanarySpec Canary(string revision, params CanaryStep[] steps) => new()
    {
        App = "orders", Revision = revision, Workload = new WorkloadSpec { Image = $"127.0.0.1:5000/team/orders:{revision}" }, Steps = steps,
    };

    private sealed class SlowAnalysis(IAnalysisRunner inner, TimeSpan delay) : IAnalysisRunner
    {
        public async Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return await inner.RunAsync(request, cancellationToken);
        }
    }

    private sealed class TokenHooks(string message) : IRolloutHooks
    {
        public Task<RolloutHookResult> RunAsync(RolloutHookRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(request.Point == RolloutHookPoint.PreRollout ? new RolloutHookResult(true, false, message) : RolloutHookResult.None);
    }
}

using System.Text.RegularExpressions;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Reporting;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Rollouts.Kubernetes;
using ContainerCloudBuild.Tests.Deploy.Support;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// <c>Deploy --platform kubernetes --strategy canary</c> with each traffic router against the fake API server: weights read from
/// the stored objects at the paused step, Status/Promote/Abort from another run (a new build, connection and Lease identity),
/// the steps in the Deploy's run report as on a Docker host, analysis steps judged by the analysis stand-in of the rollout tests.
/// </summary>
public sealed partial class KubernetesCanaryBuildTests
{
    private const int Timeout = 180_000;
    private const string Steps = "  drainTimeoutSeconds: 1\n  canarySteps:\n    - setWeight: 30\n    - pauseUntilPromoted: true\n";
    /// <summary>An analysis before the promotion from 30% to 60% and one after it, before the promotion to 100%.</summary>
    private const string AnalysedSteps =
        "  drainTimeoutSeconds: 1\n  canarySteps:\n    - setWeight: 30\n    - analysis: success-rate\n    - setWeight: 60\n    - analysis: success-rate\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The router and the candidate's share at the 30% step: exact for routing objects; 1 of 2 pods for the replica ratio.</summary>
    public static TheoryData<string, int> Routers => new()
    {
        { "nginx", 30 },
        { "gateway", 30 },
        { "openshift", 30 },
        { "replicas", 50 },
    };

    public static TheoryData<string> RouterNames => new() { "nginx", "gateway", "openshift", "replicas" };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(Routers))]
    public async Task Deploy_CanaryPausedThenPromotedFromAnotherRun_RouterGoesFromTheStepWeightTo100PercentOnTheNewRevision(string router, int pausedWeight)
    {
        await using var h = await StartAsync(router);
        var stable = await DeployFirstAsync(h, router);

        var deploy = new MemoryBuildOutput();
        var deploying = h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2.0");
        var paused = await WaitForAsync(h, router, w => w.Count == 2 && w.GetValueOrDefault(stable) == 100 - pausedWeight, deploying, deploy);
        var status = await StatusWhenPausedAsync(h, deploying);
        var promote = new MemoryBuildOutput();
        var promoteExit = await h.RunAsync(promote, Ct, "Promote");
        var deployExit = await deploying;

        var candidate = Assert.Single(paused.Keys, k => k != stable);
        Assert.StartsWith("orders-2-0-", candidate, StringComparison.Ordinal);
        Assert.Equal(pausedWeight, paused[candidate]);
        Assert.Contains("Canary Paused", status, StringComparison.Ordinal);
        Assert.Contains("(30%)", status, StringComparison.Ordinal);
        Assert.True(promoteExit == 0, promote.Text);
        Assert.True(deployExit == 0, deploy.Text);
        Assert.Equal(new Dictionary<string, int> { [candidate] = 100 }, StoredRouterWeights.Read(h.Api, h.Namespace, router));
        Assert.Equal(["registry.example/orders:2.0"], PodImages(h, candidate));
        Assert.Equal(router == "replicas", deploy.Text.Contains("weights are approximate", StringComparison.Ordinal));
        var report = RunReport.Render(h.Records[deploy], new SecretMasker());
        Assert.Contains("rollout-verdict completed", report, StringComparison.Ordinal);
        Assert.Contains(">30%</text>", report, StringComparison.Ordinal);
        Assert.Contains(">100%</text>", report, StringComparison.Ordinal);
        Assert.Contains("\">Promoted</td>", report, StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RouterNames))]
    public async Task Abort_CanaryPausedFromAnotherRun_TrafficReturnsToTheStableRevisionAndTheCandidateIsGone(string router)
    {
        await using var h = await StartAsync(router);
        var stable = await DeployFirstAsync(h, router);

        var deploy = new MemoryBuildOutput();
        var deploying = h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");
        var paused = await WaitForAsync(h, router, w => w.Count == 2 && w.GetValueOrDefault(stable) < 100, deploying, deploy);
        var abort = new MemoryBuildOutput();
        var abortExit = await h.RunAsync(abort, Ct, "Abort");
        var deployExit = await deploying;

        var candidate = Assert.Single(paused.Keys, k => k != stable);
        Assert.True(abortExit == 0, abort.Text);
        Assert.True(deployExit != 0, deploy.Text);
        Assert.Equal(new Dictionary<string, int> { [stable] = 100 }, StoredRouterWeights.Read(h.Api, h.Namespace, router));
        Assert.Null(h.Api.Store.Get<V1Deployment>(h.Namespace, candidate));
        Assert.Null(h.Api.Store.Get<V1Ingress>(h.Namespace, "orders-canary"));
        if (router != "replicas")
            Assert.Null(h.Api.Store.Get<V1Service>(h.Namespace, candidate));
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RouterNames))]
    public async Task Deploy_CanaryAnalysisPassesBeforeAndAfterThePromotionTo60Percent_CompletesOnTheNewRevision(string router)
    {
        var analysis = new FakeAnalysisRunner(AnalysisVerdict.Successful, AnalysisVerdict.Successful);
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor(router) + AnalysedSteps, analysis);
        await DeployFirstAsync(h, router);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");

        Assert.True(exit == 0, deploy.Text);
        var serving = Assert.Single(StoredRouterWeights.Read(h.Api, h.Namespace, router));
        Assert.Equal(100, serving.Value);
        Assert.StartsWith("orders-2-", serving.Key, StringComparison.Ordinal);
        Assert.Equal([("success-rate", 30), ("success-rate", 60)], analysis.Requests.Select(r => (r.Template, r.CandidateWeight)));
        Assert.All(analysis.Requests, r => Assert.StartsWith("1-", r.Stable!.Revision, StringComparison.Ordinal));
        Assert.All(analysis.Requests, r => Assert.Equal(h.Namespace, r.Args["namespace"]));
        Assert.All(analysis.Requests, r => Assert.Equal($"orders-{r.Candidate.Revision}", r.Args["service"]));
        var report = RunReport.Render(h.Records[deploy], new SecretMasker());
        Assert.Contains("rollout-verdict completed", report, StringComparison.Ordinal);
        Assert.Equal(["successful", "successful"], Measurements(report));
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(RouterNames))]
    public async Task Deploy_CanaryAnalysisFailsAfterThePromotionTo60Percent_RolledBackToTheStableRevisionNamingTheMeasurement(string router)
    {
        var analysis = new FakeAnalysisRunner(AnalysisVerdict.Successful, AnalysisVerdict.Failed);
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor(router) + AnalysedSteps, analysis);
        var stable = await DeployFirstAsync(h, router);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");

        Assert.True(exit != 0, deploy.Text);
        Assert.Contains("analysis 'success-rate' failed: success-rate Failed", deploy.Text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { [stable] = 100 }, StoredRouterWeights.Read(h.Api, h.Namespace, router));
        Assert.DoesNotContain(h.Api.Store.List<V1Deployment>(h.Namespace), d => d.Metadata.Name.StartsWith("orders-2-", StringComparison.Ordinal));
        Assert.DoesNotContain(h.Api.Store.List<V1Service>(h.Namespace), s => s.Metadata.Name.StartsWith("orders-2-", StringComparison.Ordinal));
        Assert.Equal([30, 60], analysis.Requests.Select(r => r.CandidateWeight));
        var report = RunReport.Render(h.Records[deploy], new SecretMasker());
        Assert.Contains("rollout-verdict aborted", report, StringComparison.Ordinal);
        Assert.Equal(["successful", "failed"], Measurements(report));
    }

    [Fact(Timeout = Timeout)]
    public async Task Deploy_CanaryWithoutRoutingObject_FallsBackToTheReplicaRatioAndSaysWeightsAreApproximate()
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, "rollout:\n" + Steps.Replace("pauseUntilPromoted: true", "pauseSeconds: 1", StringComparison.Ordinal));
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");

        Assert.True(exit == 0, deploy.Text);
        Assert.Contains("traffic router replicas: the render has no Route, HTTPRoute or Ingress", deploy.Text, StringComparison.Ordinal);
        Assert.Contains("weights are approximate, traffic follows the ratio of pods", deploy.Text, StringComparison.Ordinal);
        Assert.Matches(@" 2-\d{10} 1/2 pods = 50% \(asked 30%\)", deploy.Text);
        var serving = Assert.Single(StoredRouterWeights.Read(h.Api, h.Namespace, "replicas"));
        Assert.Equal(100, serving.Value);
        Assert.StartsWith("orders-2-", serving.Key, StringComparison.Ordinal);
    }

    private static async Task<KubernetesBuildHarness> StartAsync(string router) =>
        await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor(router) + Steps);

    /// <summary>The first canary has nothing to compare with: it takes all traffic at once. Returns its Service (or slot).</summary>
    internal static async Task<string> DeployFirstAsync(KubernetesBuildHarness h, string router)
    {
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);
        Assert.Contains($"traffic router {router}", h.Output.Text, StringComparison.Ordinal);
        var only = Assert.Single(StoredRouterWeights.Read(h.Api, h.Namespace, router));
        Assert.Equal(100, only.Value);
        Assert.StartsWith("orders-1-", only.Key, StringComparison.Ordinal);
        return only.Key;
    }

    private static async Task<Dictionary<string, int>> WaitForAsync(
        KubernetesBuildHarness h, string router, Func<Dictionary<string, int>, bool> done, Task<int> deploying, MemoryBuildOutput deploy)
    {
        while (!deploying.IsCompleted)
        {
            var weights = StoredRouterWeights.Read(h.Api, h.Namespace, router);
            if (done(weights))
                return weights;
            await Task.Delay(50, Ct);
        }
        Assert.Fail($"the {router} weights never reached the paused step ({string.Join(", ", StoredRouterWeights.Read(h.Api, h.Namespace, router))}); the deploy ended:\n{deploy.Text}");
        return [];
    }

    /// <summary>Runs Status (another run) until it shows the canary paused: the weights are set just before the pause is saved.</summary>
    private static async Task<string> StatusWhenPausedAsync(KubernetesBuildHarness h, Task<int> deploying)
    {
        while (true)
        {
            var status = new MemoryBuildOutput();
            Assert.True(await h.RunAsync(status, Ct, "Status") == 0, status.Text);
            if (status.Text.Contains("Canary Paused", StringComparison.Ordinal) || deploying.IsCompleted)
                return status.Text;
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The images of the pods the revision Service (or slot) selects: the driver's pod labels match the router's selector.</summary>
    private static List<string> PodImages(KubernetesBuildHarness h, string name)
    {
        var selector = h.Api.Store.Get<V1Service>(h.Namespace, name)?.Spec.Selector
            ?? h.Api.Store.Get<V1Deployment>(h.Namespace, name)!.Spec.Selector.MatchLabels;
        Assert.Contains(RolloutLabels.Revision, selector.Keys);
        return [.. h.Api.Pods.List(h.Namespace)
            .Where(p => selector.All(s => p.Metadata.Labels?.TryGetValue(s.Key, out var v) == true && v == s.Value))
            .Select(p => p.Spec.Containers[0].Image).Distinct()];
    }

    /// <summary>The verdicts of the report's success-rate measurement rows, in order.</summary>
    private static List<string> Measurements(string report) => [.. SuccessRateRow().Matches(report).Select(m => m.Groups["verdict"].Value)];

    [GeneratedRegex(@"<tr class=""measurement"">(?:<td>[^<]*</td>){2}<td>success-rate</td><td>[^<]*</td><td>[^<]*</td><td class=""outcome (?<verdict>[a-z]+)"">")]
    private static partial Regex SuccessRateRow();
}

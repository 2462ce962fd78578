using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Tests.Support;
using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

/// <summary>Analysis after a blue-green promotion, on the real stack, while the previous revision is kept for undo.</summary>
[Collection(RealStackCollection.Name)]
public sealed class BlueGreenAnalysisTests(SharedServers servers)
{
    private const int Rate = 150;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BlueGreenSpec Spec(AnalysisStack stack, string version, string image) => new()
    {
        App = stack.App,
        Revision = version,
        Workload = AnalysisStack.Workload(image, version),
        ScaleDownDelay = TimeSpan.FromSeconds(2),
        DrainTimeout = TimeSpan.FromSeconds(3),
        PostPromotionAnalysis = HaproxyCanaryTemplate.Name,
    };

    [Fact]
    public async Task BlueGreen_PostPromotionAnalysisFails_SwitchIsUndoneToThePreviousRevision()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        stack.Open(AnalysisStack.FastCanary(count: 6));
        var (bad, load) = await stack.StableV1AndCandidateUnderLoadAsync(VersionBehaviour.Flaky, Rate, Ct);
        using var _ = load;

        var result = await stack.Controller.DeployBlueGreenAsync(Spec(stack, "v2", bad), Ct);
        await Task.Delay(1000, Ct);
        var samples = await load.StopAsync();

        Assert.False(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Aborted, result.Phase);
        Assert.Contains(HaproxyTemplates.SuccessRate.Name, stack.Events.First(RolloutEventKind.AnalysisFailed, "v2")?.Message ?? "", StringComparison.Ordinal);
        Assert.Equal("v1", result.State!.Stable!.Revision);
        Assert.Equal(new Dictionary<string, int> { ["v1"] = 100 }, await stack.Target.Router.GetWeightsAsync(stack.App, Ct));
        Assert.Equal(["v1"], await stack.RevisionsAsync(Ct));
        var undone = stack.Events.First(RolloutEventKind.Undone) ?? throw new InvalidOperationException("the switch was not undone");
        var afterUndo = samples.Where(s => s.StartMs > load.ToMs(undone.At) + 100).ToList();
        Assert.NotEmpty(afterUndo);
        Assert.All(afterUndo, s => Assert.Equal("v1", s.Body));
    }

    [Fact]
    public async Task BlueGreen_PostPromotionAnalysisPasses_NewRevisionStaysAndThePreviousIsRetired()
    {
        await using var stack = await AnalysisStack.StartAsync(servers, Ct);
        stack.Open(AnalysisStack.FastCanary(count: 4));
        var (good, load) = await stack.StableV1AndCandidateUnderLoadAsync(VersionBehaviour.Healthy, Rate, Ct);
        using var _ = load;

        var result = await stack.Controller.DeployBlueGreenAsync(Spec(stack, "v2", good), Ct);
        var samples = await load.StopAsync();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(RolloutPhase.Completed, result.Phase);
        Assert.Equal(["v2"], await stack.RevisionsAsync(Ct));
        Assert.NotNull(stack.Events.First(RolloutEventKind.AnalysisPassed, "v2"));
        LoadAssert.NoFailures(samples);
    }
}

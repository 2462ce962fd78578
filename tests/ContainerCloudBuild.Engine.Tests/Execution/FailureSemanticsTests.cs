using System.Collections.Concurrent;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class FailureSemanticsTests
{
    private readonly ConcurrentQueue<string> _ran = new();

    private Func<ITargetDefinition, TestGraph, ITargetDefinition> Ok(string name, Func<ITargetDefinition, TestGraph, ITargetDefinition>? more = null) =>
        (d, g) => (more?.Invoke(d, g) ?? d).Executes(() => _ran.Enqueue(name));

    private static Func<ITargetDefinition, TestGraph, ITargetDefinition> Fails(Func<ITargetDefinition, TestGraph, ITargetDefinition>? more = null) =>
        (d, g) => (more?.Invoke(d, g) ?? d).Executes(() => throw new InvalidOperationException("boom"));

    [Fact]
    public async Task E2_FailedDependency_StopsDependentsButAssuredCleanupRuns()
    {
        var graph = new TestGraph()
            .Add("Compile", Fails())
            .Add("Test", Ok("Test", (d, g) => d.DependsOn(g["Compile"])))
            .Add("Cleanup", Ok("Cleanup", (d, g) => d.DependsOn(g["Test"]).AssuredAfterFailure()));

        var results = await new ExecutorHarness().RunAsync(graph, "Cleanup");

        Assert.Equal("Compile=Failed Test=NotRun Cleanup=Succeeded", ExecutorHarness.Outcomes(results));
        Assert.Equal("'Compile' failed", results["Test"].Message);
        Assert.Equal(["Cleanup"], _ran);
    }

    [Fact]
    public async Task E3_FailureHaltsIndependentTargets_UnlessProceedAfterFailure()
    {
        var halting = new TestGraph().Add("A", Fails()).Add("B", Ok("B")).Add("All", Ok("All", (d, g) => d.DependsOn(g["A"], g["B"])));
        var halted = await new ExecutorHarness().RunAsync(halting, "All");
        Assert.Equal("A=Failed B=NotRun All=NotRun", ExecutorHarness.Outcomes(halted));
        Assert.Equal("the build stopped before it", halted["B"].Message);

        var proceeding = new TestGraph().Add("A", Fails((d, _) => d.ProceedAfterFailure())).Add("B", Ok("B")).Add("All", Ok("All", (d, g) => d.DependsOn(g["A"], g["B"])));
        var proceeded = await new ExecutorHarness().RunAsync(proceeding, "All");
        Assert.Equal("A=Failed B=Succeeded All=NotRun", ExecutorHarness.Outcomes(proceeded));
    }

    [Fact]
    public async Task E2_FailedTrigger_TriggeredTargetDoesNotRun()
    {
        var graph = new TestGraph().Add("Deploy", Fails((d, g) => d.Triggers(g["Notify"]))).Add("Notify", Ok("Notify"));
        var results = await new ExecutorHarness().RunAsync(graph, "Deploy");
        Assert.Equal("Deploy=Failed Notify=NotRun", ExecutorHarness.Outcomes(results));
    }

    [Fact]
    public async Task E1_OrderingOnlyPredecessorFailed_TargetStillRunsWhenProceeding()
    {
        var graph = new TestGraph().Add("Test", Fails((d, _) => d.ProceedAfterFailure())).Add("Report", Ok("Report", (d, g) => d.After(g["Test"])));
        var results = await new ExecutorHarness().RunAsync(graph, "Test Report");
        Assert.Equal("Test=Failed Report=Succeeded", ExecutorHarness.Outcomes(results));
    }

    [Fact]
    public async Task S6_SkippedDependency_CountsAsSatisfied()
    {
        var graph = new TestGraph().Add("Lint", Ok("Lint", (d, _) => d.OnlyWhenDynamic(() => false))).Add("Test", Ok("Test", (d, g) => d.DependsOn(g["Lint"])));
        var results = await new ExecutorHarness().RunAsync(graph, "Test");
        Assert.Equal("Lint=Skipped Test=Succeeded", ExecutorHarness.Outcomes(results));
        Assert.Equal("condition 'false' is false", results["Lint"].Message);
        Assert.Equal(["Test"], _ran);
    }

    [Fact]
    public async Task E4_DynamicCondition_IsEvaluatedWhenTheTargetWouldStart()
    {
        var produced = false;
        var graph = new TestGraph()
            .Add("Produce", (d, _) => d.Executes(() => produced = true))
            .Add("Publish", Ok("Publish", (d, g) => d.DependsOn(g["Produce"]).OnlyWhenDynamic(() => produced)));
        var results = await new ExecutorHarness().RunAsync(graph, "Publish");
        Assert.Equal(TargetOutcome.Succeeded, results["Publish"].Outcome);
    }
}

using ContainerCloudBuild.Engine.Planning;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Planning;

public sealed class PlannerOrderTests
{
    private static string Order(string spec, string targets, string skip = "", bool skipAll = false)
    {
        var result = Planner.Plan(TestGraph.Parse(spec), new PlanRequest(Split(targets), Split(skip), skipAll));
        Assert.True(result.Succeeded, result.Error);
        return string.Join(" ", result.Plan!.Targets.Select(t => t.IsSkipped ? $"({t.Name})" : t.Name));
    }

    private static string[] Split(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    // P1: requested targets, names ignoring case
    [InlineData("A; B", "b", "B")]
    [InlineData("A; B", "B A", "A B")]
    // P2: dependencies transitively, DependentFor from the other side
    [InlineData("Restore; Compile > Restore; Test > Compile", "Test", "Restore Compile Test")]
    [InlineData("A; B > A; C > A; D > B,C", "D", "A B C D")]
    [InlineData("Setup dependentfor Test; Test", "Test", "Setup Test")]
    // P3: triggers join the plan after their trigger; TriggeredBy from the other side
    [InlineData("Deploy triggers Notify; Notify", "Deploy", "Deploy Notify")]
    [InlineData("Notify triggeredby Deploy; Deploy", "Deploy", "Deploy Notify")]
    [InlineData("Deploy triggers Notify; Notify > Report; Report", "Deploy", "Deploy Report Notify")]
    // P4: After/Before only order; they never add targets
    [InlineData("Pack after Test; Test", "Pack", "Pack")]
    [InlineData("Pack after Test; Test", "Pack Test", "Test Pack")]
    [InlineData("Clean before Compile; Compile", "Compile Clean", "Clean Compile")]
    // P5: ties keep declaration order
    [InlineData("C; B; A; D > A,B,C", "D", "C B A D")]
    public void P1_to_P5_PlanOrder_MatchesRules(string spec, string targets, string expected) =>
        Assert.Equal(expected, Order(spec, targets));

    [Theory]
    // S1: named skips
    [InlineData("Restore; Compile > Restore; Test > Compile", "Test", "Compile", false, "(Restore) (Compile) Test")]
    // S2: --skip without names skips everything not requested
    [InlineData("Restore; Compile > Restore; Test > Compile", "Test", "", true, "(Restore) (Compile) Test")]
    // S3: static condition false
    [InlineData("A static-false; B > A", "B", "", false, "(A) B")]
    // S4: a dependency shared with an executing target still runs
    [InlineData("Restore; Compile > Restore; Lint > Restore; Check > Compile,Lint", "Check", "Compile", false, "Restore (Compile) Lint Check")]
    // S4: a requested target is never skipped as 'only needed by skipped'
    [InlineData("Restore; Compile > Restore", "Compile Restore", "Compile", false, "Restore (Compile)")]
    // S5: a skipped target triggers nothing
    [InlineData("Deploy triggers Notify; Notify; Ci > Deploy", "Ci", "Deploy", false, "(Deploy) Ci")]
    public void S1_to_S5_Skips_MatchRules(string spec, string targets, string skip, bool skipAll, string expected) =>
        Assert.Equal(expected, Order(spec, targets, skip, skipAll));

    [Fact]
    public void S3_StaticConditionReason_QuotesTheCondition()
    {
        var graph = new TestGraph().Add("Publish", (d, _) => d.OnlyWhenStatic(() => IsMainBranch())).Build();
        var plan = Planner.Plan(graph, new PlanRequest(["Publish"], [])).Plan!;
        Assert.Equal("condition 'IsMainBranch()' is false", plan.Targets.Single().SkipReason);
    }

    [Fact]
    public void S4_DependencyOfSkippedTarget_SaysWhy()
    {
        var plan = Planner.Plan(TestGraph.Parse("Restore; Compile > Restore; Test > Compile"), new PlanRequest(["Test"], ["Compile"])).Plan!;
        Assert.Equal("only needed by skipped targets", plan.Find("Restore")!.SkipReason);
        Assert.Equal("--skip", plan.Find("Compile")!.SkipReason);
        Assert.Null(plan.Find("Test")!.SkipReason);
    }

    [Fact]
    public void P3_TriggerEdge_IsMarkedAsTrigger()
    {
        var plan = Planner.Plan(TestGraph.Parse("Deploy triggers Notify; Notify"), new PlanRequest(["Deploy"], [])).Plan!;
        Assert.Equal([new PlanEdge("Deploy", EdgeKind.Trigger)], plan.Find("Notify")!.WaitsFor);
        Assert.Equal(PlanReason.Triggered, plan.Find("Notify")!.Reason);
    }

    [Fact]
    public void P3_TargetTriggeredBySeveral_WaitsForEachPlannedTriggerInDeclarationOrder()
    {
        var graph = TestGraph.Parse("Notify; Publish triggers Notify; Audit triggers Notify; Deploy triggers Notify > Publish");
        var plan = Planner.Plan(graph, new PlanRequest(["Deploy"], [])).Plan!;
        Assert.Equal([new PlanEdge("Publish", EdgeKind.Trigger), new PlanEdge("Deploy", EdgeKind.Trigger)], plan.Find("Notify")!.WaitsFor);
    }

    [Fact]
    public void P3_TriggerThatIsAlsoADependency_IsADependencyEdge()
    {
        var plan = Planner.Plan(TestGraph.Parse("Build triggers Notify; Notify > Build"), new PlanRequest(["Build"], [])).Plan!;
        Assert.Equal([new PlanEdge("Build", EdgeKind.Dependency)], plan.Find("Notify")!.WaitsFor);
    }

    private static bool IsMainBranch() => false;
}

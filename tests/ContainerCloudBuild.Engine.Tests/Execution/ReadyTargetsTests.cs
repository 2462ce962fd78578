using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Planning;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class ReadyTargetsTests
{
    private static ExecutionPlan Plan(TestGraph graph, string targets)
    {
        var result = Planner.Plan(graph.Build(), new PlanRequest(targets.Split(' '), []));
        Assert.True(result.Succeeded, result.Error);
        return result.Plan!;
    }

    private static List<string> TakeAll(ReadyTargets ready)
    {
        var taken = new List<string>();
        while (ready.TryTake(out var target)) taken.Add(target.Name);
        return taken;
    }

    [Fact]
    public void E1_MeshFinishedOneByOne_OffersTargetsInPlanOrder()
    {
        var plan = Plan(MeshGraph.Create(300), "All");
        var ready = new ReadyTargets(plan);
        var offered = new List<string>();
        while (ready.TryTake(out var target))
        {
            offered.Add(target.Name);
            ready.Finished(target);
        }

        Assert.Equal(plan.Targets.Select(t => t.Name), offered);
    }

    [Fact]
    public void E1_MeshFinishedInWaves_OffersATargetOnlyAfterAllItWaitsFor()
    {
        var plan = Plan(MeshGraph.Create(300, seed: 42), "All");
        var ready = new ReadyTargets(plan);
        var finished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (TakeAll(ready) is { Count: > 0 } wave)
        {
            foreach (var name in wave)
            {
                var target = plan.Find(name)!;
                Assert.All(target.WaitsFor, e => Assert.Contains(e.From, finished));
            }

            foreach (var name in wave)
            {
                finished.Add(name);
                ready.Finished(plan.Find(name)!);
            }
        }

        Assert.Equal(plan.Targets.Count, finished.Count);
    }

    [Fact]
    public void E1_TargetPutBack_IsOfferedAgainBeforeLaterReadyTargets()
    {
        var plan = Plan(TestGraph.FromSpec("A; B; C; All > A,B,C"), "All");
        var ready = new ReadyTargets(plan);
        Assert.True(ready.TryTake(out var a));
        Assert.True(ready.TryTake(out var b));
        ready.PutBack(b);
        ready.Finished(a);

        Assert.Equal(["B", "C"], TakeAll(ready));
    }

    [Fact]
    public void E1_TargetWaitingForOneOfTwo_IsNotOfferedUntilBothFinished()
    {
        var plan = Plan(TestGraph.FromSpec("A; B; Pack > A after B"), "Pack B");
        var ready = new ReadyTargets(plan);
        Assert.Equal(["A", "B"], TakeAll(ready));
        ready.Finished(plan.Find("B")!);
        Assert.Empty(TakeAll(ready));
        ready.Finished(plan.Find("A")!);

        Assert.Equal(["Pack"], TakeAll(ready));
    }

    [Fact]
    public void Constructor_EdgeToATargetOutsideThePlan_ThrowsNamingBoth()
    {
        var plan = new ExecutionPlan([
            new PlannedTarget(new TargetSpec { Name = "Pack" }, PlanReason.Requested, [new PlanEdge("Compile", EdgeKind.Dependency)], null),
        ]);

        var ex = Assert.Throws<ArgumentException>(() => new ReadyTargets(plan));
        Assert.Contains("'Pack' waits for 'Compile', which is not in the plan", ex.Message, StringComparison.Ordinal);
    }
}

using ContainerCloudBuild.Engine.Planning;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Planning;

public sealed class PlannerErrorTests
{
    [Theory]
    [InlineData("A > C; B > A; C > B", "A", "Dependency cycle between targets: A -> B -> C -> A. Remove one of these relations.")]
    [InlineData("A > A", "A", "Dependency cycle between targets: A -> A. Remove one of these relations.")]
    [InlineData("A > B triggers B; B", "A", "Dependency cycle between targets: A -> B -> A. Remove one of these relations.")]
    [InlineData("A after B; B > A", "B", "Dependency cycle between targets: A -> B -> A. Remove one of these relations.")]
    [InlineData("Ok; A > B; B > C; C > D; D > B", "A", "Dependency cycle between targets: B -> D -> C -> B. Remove one of these relations.")]
    public void P5_Cycle_NamesEveryTargetOnIt(string spec, string target, string expected)
    {
        var result = Planner.Plan(TestGraph.Parse(spec), new PlanRequest([target], []));
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void P5_CycleOutsideThePlan_IsIgnored()
    {
        var result = Planner.Plan(TestGraph.Parse("Ok; A > B; B > A"), new PlanRequest(["Ok"], []));
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("Tset", "Unknown target 'Tset'. Did you mean 'Test'? Run with --help to list the targets.")]
    [InlineData("compiel", "Unknown target 'compiel'. Did you mean 'Compile'? Run with --help to list the targets.")]
    [InlineData("Xyzzy", "Unknown target 'Xyzzy'. Run with --help to list the targets.")]
    public void P1_UnknownTarget_SuggestsClosestName(string requested, string expected)
    {
        var result = Planner.Plan(TestGraph.Parse("Restore; Compile > Restore; Test > Compile"), new PlanRequest([requested], []));
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void S1_UnknownSkip_IsAnErrorToo()
    {
        var result = Planner.Plan(TestGraph.Parse("Restore; Compile > Restore"), new PlanRequest(["Compile"], ["Restroe"]));
        Assert.Equal("Unknown target 'Restroe'. Did you mean 'Restore'? Run with --help to list the targets.", result.Error);
    }

    [Fact]
    public void Graph_DependencyOnTargetThatIsNoProperty_ThrowsNamingTheOwner()
    {
        Target stray = d => d;
        var graph = new TestGraph().Add("A", (d, _) => d.DependsOn(stray));
        var ex = Assert.Throws<InvalidOperationException>(graph.Build);
        Assert.Contains("Target 'A' refers to a target that is not a property", ex.Message, StringComparison.Ordinal);
    }
}

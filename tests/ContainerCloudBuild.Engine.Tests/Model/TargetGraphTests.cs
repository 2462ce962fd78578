using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Model;

public sealed class TargetGraphTests
{
    private sealed class LambdaBuild
    {
        public Target Restore => _ => _;
        public Target Compile => _ => _.DependsOn(Restore);
        public Target Lint => _ => _.DependsOn(Restore);
        public Target Test => _ => _.DependsOn(Compile, Lint).Triggers(Report);
        public Target Report => ConfigureReport;
        public Target Pack => ConfigurePack;
        public Target All => _ => _.DependsOn(Test, Pack).After(Report);

        private ITargetDefinition ConfigureReport(ITargetDefinition d) => d.After(Compile);
        private static ITargetDefinition ConfigurePack(ITargetDefinition d) => d.Description("static method group");
    }

    private sealed class SharedDelegateBuild
    {
        private static readonly Target Shared = d => d;
        public Target First => Shared;
        public Target Second => Shared;
    }

    [Fact]
    public void FromBuild_TargetsOnOneObject_ResolvesEveryReferenceToItsProperty()
    {
        var graph = TargetGraph.FromBuild(new LambdaBuild());

        Assert.Equal(["Restore", "Compile", "Lint", "Test", "Report", "Pack", "All"], graph.Targets.Select(t => t.Name));
        Assert.Equal(["Restore"], graph["Compile"].DependsOn);
        Assert.Equal(["Restore"], graph["Lint"].DependsOn);
        Assert.Equal(["Compile", "Lint"], graph["Test"].DependsOn);
        Assert.Equal(["Report"], graph["Test"].Triggers);
        Assert.Equal(["Compile"], graph["Report"].After);
        Assert.Equal(["Test", "Pack"], graph["All"].DependsOn);
        Assert.Equal(["Report"], graph["All"].After);
    }

    [Fact]
    public void FromBuild_TwoPropertiesReturningOneDelegate_ThrowsNamingBoth()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TargetGraph.FromBuild(new SharedDelegateBuild()));
        Assert.Equal("Targets 'First' and 'Second' are the same delegate; give each target its own definition.", ex.Message);
    }

    [Fact]
    public void Create_MulticastTarget_ResolvesThroughDelegateEquality()
    {
        Target first = d => d.Description("first");
        Target second = d => d;
        var both = (Target)Delegate.Combine(first, second);
        var equalToBoth = (Target)Delegate.Combine(first, second);

        var graph = TargetGraph.Create([("Both", both), ("User", d => d.DependsOn(equalToBoth))]);

        Assert.Equal(["Both"], graph["User"].DependsOn);
    }

    [Fact]
    public void Create_Mesh_KeepsEveryDeclaredDependency()
    {
        var graph = MeshGraph.Create(500).Build();

        var all = graph["All"].DependsOn;
        Assert.NotEmpty(all);
        Assert.Equal(501, graph.Targets.Count);
        Assert.All(graph.Targets.Where(t => t.Name != "T0" && t.Name != "All"), t => Assert.InRange(t.DependsOn.Count, 1, 3));
        var reached = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>(all);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (reached.Add(name)) foreach (var d in graph[name].DependsOn) stack.Push(d);
        }

        Assert.Equal(500, reached.Count);
    }
}

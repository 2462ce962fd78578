namespace ContainerCloudBuild.Engine.Planning;

/// <summary>Finds a cycle anywhere in a build's targets (not only among the planned ones), for warnings in --help and --plan.</summary>
internal static class GraphCycles
{
    /// <summary>A closed cycle starting at its earliest declared target, or null.</summary>
    public static IReadOnlyList<string>? Find(TargetGraph graph)
    {
        var triggeredBy = Planner.TriggeredBy(graph.Targets);

        IEnumerable<string> Predecessors(string name)
        {
            var t = graph[name];
            return t.DependsOn.Concat(t.After).Concat(triggeredBy.GetValueOrDefault(name) ?? []).Where(n => graph.Find(n) is not null);
        }

        var cycle = CycleFinder.FindCycle(graph.Targets.Select(t => t.Name).ToList(), Predecessors);
        return cycle is null ? null : Planner.StartAtFirstDeclared(graph, cycle).ToList();
    }
}

namespace ContainerCloudBuild.Engine.Planning;

/// <summary>
/// Turns requested targets into an ordered <see cref="ExecutionPlan"/> following the rules in
/// PlanRules.md. It runs nothing but the static conditions.
/// </summary>
public static class Planner
{
    public static PlanResult Plan(TargetGraph graph, PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(request);

        var unknown = request.Targets.Concat(request.Skip).FirstOrDefault(n => graph.Find(n) is null);
        if (unknown is not null)
            return PlanResult.Fail(UnknownTarget(graph, unknown));

        var requested = request.Targets.Select(n => graph[n].Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested.Count == 0)
            return PlanResult.Fail("No target was requested and the build declares no default target.");

        var requestedSet = requested.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var skipped = request.Skip.Select(n => graph[n].Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var explicitSkips = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? ExplicitSkip(TargetSpec t)
        {
            if (!explicitSkips.TryGetValue(t.Name, out var reason))
            {
                reason = skipped.Contains(t.Name) || (request.SkipAllNotRequested && !requestedSet.Contains(t.Name))
                    ? "--skip"
                    : t.StaticConditions.FirstOrDefault(c => !c.Evaluate()) is { } failed ? $"condition '{failed.Expression}' is false" : "";
                explicitSkips[t.Name] = reason;
            }

            return reason.Length == 0 ? null : reason;
        }

        // Targets that are needed: reached from a requested target through executing targets only (S4, S5).
        var reasons = new Dictionary<string, PlanReason>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>();
        foreach (var name in requested) { reasons[name] = PlanReason.Requested; queue.Enqueue(name); }
        while (queue.Count > 0)
        {
            var t = graph[queue.Dequeue()];
            if (ExplicitSkip(t) is not null) continue;
            foreach (var d in t.DependsOn) if (reasons.TryAdd(d, PlanReason.Dependency)) queue.Enqueue(d);
            foreach (var d in t.Triggers) if (reasons.TryAdd(d, PlanReason.Triggered)) queue.Enqueue(d);
        }

        // Dependencies of skipped targets are shown in the plan as skipped (S4).
        var shown = new HashSet<string>(reasons.Keys, StringComparer.OrdinalIgnoreCase);
        var onlyForSkipped = new List<string>();
        var stack = new Stack<string>(reasons.Keys);
        while (stack.Count > 0)
        {
            foreach (var d in graph[stack.Pop()].DependsOn)
            {
                if (shown.Add(d)) { onlyForSkipped.Add(d); stack.Push(d); }
            }
        }

        var inPlan = graph.Targets.Where(t => shown.Contains(t.Name)).ToList();
        var triggeredBy = TriggeredBy(inPlan);
        var edges = inPlan.ToDictionary(t => t.Name, t => EdgesOf(t, triggeredBy, shown), StringComparer.OrdinalIgnoreCase);

        var cycle = CycleFinder.FindCycle(inPlan.Select(t => t.Name).ToList(), n => edges[n].Select(e => e.From));
        if (cycle is not null)
            return PlanResult.Fail($"Dependency cycle between targets: {string.Join(" -> ", StartAtFirstDeclared(graph, cycle))}. Remove one of these relations.");

        var order = TopologicalOrder(inPlan, edges);
        var planned = order.Select(t => new PlannedTarget(
            t,
            reasons.GetValueOrDefault(t.Name, PlanReason.Dependency),
            edges[t.Name],
            reasons.ContainsKey(t.Name) ? ExplicitSkip(t) : "only needed by skipped targets")).ToList();
        return PlanResult.Ok(new ExecutionPlan(planned));
    }

    /// <summary>For each triggered target, the given targets that trigger it, in the order given.</summary>
    internal static Dictionary<string, List<string>> TriggeredBy(IEnumerable<TargetSpec> targets)
    {
        var triggeredBy = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in targets)
        {
            foreach (var triggered in source.Triggers)
            {
                if (!triggeredBy.TryGetValue(triggered, out var sources)) triggeredBy[triggered] = sources = [];
                sources.Add(source.Name);
            }
        }

        return triggeredBy;
    }

    private static List<PlanEdge> EdgesOf(TargetSpec target, Dictionary<string, List<string>> triggeredBy, HashSet<string> inPlan)
    {
        var edges = new List<PlanEdge>();
        edges.AddRange(target.DependsOn.Where(inPlan.Contains).Select(d => new PlanEdge(d, EdgeKind.Dependency)));
        if (triggeredBy.TryGetValue(target.Name, out var sources))
            edges.AddRange(sources.Select(s => new PlanEdge(s, EdgeKind.Trigger)));
        edges.AddRange(target.After.Where(inPlan.Contains).Select(a => new PlanEdge(a, EdgeKind.Ordering)));
        return edges
            .GroupBy(e => e.From, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(e => e.Kind).First())
            .ToList();
    }

    /// <summary>Kahn's algorithm; among ready targets the earliest declared goes first.</summary>
    private static List<TargetSpec> TopologicalOrder(List<TargetSpec> targets, Dictionary<string, List<PlanEdge>> edges)
    {
        var index = targets.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.OrdinalIgnoreCase);
        var pending = targets.ToDictionary(t => t.Name, t => edges[t.Name].Count, StringComparer.OrdinalIgnoreCase);
        var successors = targets.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var t in targets)
            foreach (var e in edges[t.Name]) successors[e.From].Add(t.Name);

        var ready = new PriorityQueue<TargetSpec, int>();
        foreach (var t in targets.Where(t => pending[t.Name] == 0)) ready.Enqueue(t, index[t.Name]);
        var order = new List<TargetSpec>(targets.Count);
        while (ready.TryDequeue(out var t, out _))
        {
            order.Add(t);
            foreach (var s in successors[t.Name])
            {
                if (--pending[s] == 0) ready.Enqueue(targets[index[s]], index[s]);
            }
        }

        return order;
    }

    /// <summary>Rotates a closed cycle so it starts at its earliest declared target: stable messages.</summary>
    internal static IEnumerable<string> StartAtFirstDeclared(TargetGraph graph, IReadOnlyList<string> cycle)
    {
        var open = cycle.Take(cycle.Count - 1).ToList();
        var declared = graph.Targets.Select(t => t.Name).ToList();
        var first = open.IndexOf(open.MinBy(n => declared.FindIndex(d => string.Equals(d, n, StringComparison.OrdinalIgnoreCase)))!);
        var rotated = open.Skip(first).Concat(open.Take(first)).ToList();
        return rotated.Append(rotated[0]);
    }

    private static string UnknownTarget(TargetGraph graph, string name)
    {
        var suggestion = NameSuggester.Closest(name, graph.Targets.Select(t => t.Name));
        var hint = suggestion is null ? "" : $" Did you mean '{suggestion}'?";
        return $"Unknown target '{name}'.{hint} Run with --help to list the targets.";
    }
}

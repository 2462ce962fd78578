namespace ContainerCloudBuild.Engine.Planning;

/// <summary>Finds one cycle in a directed graph and returns it as a closed path (A, B, C, A).</summary>
public static class CycleFinder
{
    public static IReadOnlyList<string>? FindCycle(IReadOnlyList<string> nodes, Func<string, IEnumerable<string>> predecessors)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(predecessors);
        // 0 = unvisited, 1 = on the current path, 2 = done.
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();
        foreach (var start in nodes)
        {
            if (state.GetValueOrDefault(start) != 0) continue;
            var stack = new Stack<(string Node, IEnumerator<string> Next)>();
            stack.Push((start, predecessors(start).GetEnumerator()));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (next.MoveNext())
                {
                    var p = next.Current;
                    var s = state.GetValueOrDefault(p);
                    if (s == 1)
                    {
                        // Edges point at predecessors, so reverse to read in execution direction.
                        var at = path.FindIndex(n => string.Equals(n, p, StringComparison.OrdinalIgnoreCase));
                        var cycle = path.Skip(at).Reverse().ToList();
                        cycle.Add(cycle[0]);
                        return cycle;
                    }

                    if (s == 0)
                    {
                        state[p] = 1;
                        path.Add(p);
                        stack.Push((p, predecessors(p).GetEnumerator()));
                    }
                }
                else
                {
                    next.Dispose();
                    stack.Pop();
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }
}

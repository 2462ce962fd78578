namespace ContainerCloudBuild.Engine.Tests.Support;

/// <summary>
/// A deterministic dependency mesh like the engine benchmark's: target i depends on 1–3 earlier
/// targets, and <c>All</c> depends on every target nothing else depends on.
/// </summary>
public static class MeshGraph
{
    public static TestGraph Create(int count, int seed = 7919)
    {
        var random = new Random(seed);
        var graph = new TestGraph();
        var hasDependent = new bool[count];
        for (var i = 0; i < count; i++)
        {
            var dependencies = i == 0 ? [] : Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(i)).Distinct().ToArray();
            foreach (var d in dependencies) hasDependent[d] = true;
            graph.Add($"T{i}", (definition, g) => definition.DependsOn([.. dependencies.Select(d => g[$"T{d}"])]));
        }

        var leaves = Enumerable.Range(0, count).Where(i => !hasDependent[i]).ToArray();
        return graph.Add("All", (definition, g) => definition.DependsOn([.. leaves.Select(i => g[$"T{i}"])]));
    }
}

using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Tests.Support;

namespace ContainerCloudBuild.Engine.Tests.Execution;

public sealed class ParallelExecutionTests
{
    private int _running;
    private int _maxRunning;

    private Func<ITargetDefinition, TestGraph, ITargetDefinition> Tracked(Func<ITargetDefinition, TestGraph, ITargetDefinition>? more = null) =>
        (d, g) => (more?.Invoke(d, g) ?? d).Executes(async ct =>
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _maxRunning, now);
            await Task.Delay(50, ct);
            Interlocked.Decrement(ref _running);
        });

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public async Task E1_Parallelism_RunsUpToNIndependentTargetsAtOnce(int parallelism, int expectedMax)
    {
        var graph = new TestGraph();
        for (var i = 0; i < 6; i++) graph.Add($"T{i}", Tracked());
        graph.Add("All", (d, g) => d.DependsOn([.. Enumerable.Range(0, 6).Select(i => g[$"T{i}"])]));

        var results = await new ExecutorHarness().RunAsync(graph, "All", parallelism);

        Assert.All(results.Values, r => Assert.Equal(TargetOutcome.Succeeded, r.Outcome));
        Assert.Equal(expectedMax, _maxRunning);
    }

    [Fact]
    public async Task E1_Parallel_RespectsDependencies()
    {
        var order = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var graph = new TestGraph()
            .Add("A", (d, _) => d.Executes(async ct => { await Task.Delay(80, ct); order.Enqueue("A"); }))
            .Add("B", (d, _) => d.Executes(() => order.Enqueue("B")))
            .Add("C", (d, g) => d.DependsOn(g["A"]).Executes(() => order.Enqueue("C")));

        await new ExecutorHarness().RunAsync(graph, "B C", 4);

        var list = order.ToList();
        Assert.True(list.IndexOf("A") < list.IndexOf("C"), string.Join(",", list));
        Assert.Equal("B", list[0]);
    }

    [Fact]
    public async Task E1_ParallelOutput_IsPrefixedPerTargetAndNeverInterleavedMidLine()
    {
        var harness = new ExecutorHarness();
        var writer = harness.Console.TargetWriter;
        var graph = new TestGraph();
        foreach (var name in new[] { "Alpha", "Beta", "Gamma" })
        {
            graph.Add(name, (d, _) => d.Executes(async ct =>
            {
                for (var i = 0; i < 50; i++)
                {
                    // Each line is written in pieces with yields between them.
                    writer.Write($"{name} line {i} ");
                    await Task.Yield();
                    writer.Write("part two");
                    await Task.Yield();
                    writer.WriteLine(" end");
                }
            }));
        }

        await harness.RunAsync(graph, "Alpha Beta Gamma", 3);

        var lines = harness.Output.Lines.Where(l => l.Contains(" line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(150, lines.Count);
        Assert.All(lines, l => Assert.Matches(@"^\[(Alpha|Beta|Gamma)\] \1 line \d+ part two end$", l));
    }
}

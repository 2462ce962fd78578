using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Planning;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine.Tests.Support;

/// <summary>Plans and runs a <see cref="TestGraph"/> with an in-memory console.</summary>
public sealed class ExecutorHarness
{
    public MemoryBuildOutput Output { get; } = new();
    public SecretMasker Masker { get; } = new();
    public BuildConsole Console { get; }

    public ExecutorHarness() => Console = new BuildConsole(Output, Masker);

    public async Task<Dictionary<string, TargetResult>> RunAsync(
        TestGraph graph, string targets, int parallelism = 1, UpToDateCheck? upToDate = null, bool force = false, Tokens? tokens = null)
    {
        var cancellationToken = tokens?.Graceful ?? TestContext.Current.CancellationToken;
        var forceToken = tokens?.Force ?? CancellationToken.None;
        var plan = Planner.Plan(graph.Build(), new PlanRequest(targets.Split(' '), []));
        Assert.True(plan.Succeeded, plan.Error);
        var options = new ExecutionOptions { Console = Console, MaxParallelism = parallelism, UpToDate = upToDate, Force = force };
        var results = await new Executor(options).RunAsync(plan.Plan!, cancellationToken, forceToken);
        return results.ToDictionary(r => r.Name);
    }

    /// <summary>Graceful and forced cancellation for a run.</summary>
    public sealed record Tokens(CancellationToken Graceful, CancellationToken Force = default);

    public static string Outcomes(Dictionary<string, TargetResult> results) =>
        string.Join(" ", results.Values.Select(r => $"{r.Name}={r.Outcome}"));
}

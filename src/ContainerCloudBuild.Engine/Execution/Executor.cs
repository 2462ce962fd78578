using ContainerCloudBuild.Engine.Planning;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>
/// Runs an <see cref="ExecutionPlan"/> (rules E1–E7 in PlanRules.md): targets start when what they
/// wait for has finished, up to <see cref="ExecutionOptions.MaxParallelism"/> at once.
/// </summary>
public sealed class Executor(ExecutionOptions options)
{
    private readonly TargetRunner _runner = new(options);

    /// <param name="plan">The plan to run.</param>
    /// <param name="cancellationToken">Graceful cancellation: running targets are cancelled, cleanup still runs.</param>
    /// <param name="forceToken">Forced cancellation: also cancels <c>AssuredAfterFailure</c> targets.</param>
    public async Task<IReadOnlyList<TargetResult>> RunAsync(ExecutionPlan plan, CancellationToken cancellationToken, CancellationToken forceToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var results = new Dictionary<string, TargetResult>(StringComparer.OrdinalIgnoreCase);
        var running = new Dictionary<Task<TargetResult>, PlannedTarget>();
        var ready = new ReadyTargets(plan);
        var halted = false;
        options.Console.PrefixTargetLines = options.MaxParallelism > 1;

        while (true)
        {
            while (ready.TryTake(out var next))
            {
                var target = next;
                var immediate = Decide(target, results, halted || cancellationToken.IsCancellationRequested);
                if (immediate is not null)
                {
                    results[target.Name] = immediate;
                    Report(immediate);
                    ready.Finished(target);
                    continue;
                }

                if (running.Count >= Math.Max(1, options.MaxParallelism))
                {
                    ready.PutBack(target);
                    break;
                }

                var token = target.Spec.AssuredAfterFailure ? forceToken : cancellationToken;
                running[Task.Run(() => RunTargetAsync(target, token), CancellationToken.None)] = target;
            }

            if (running.Count == 0)
            {
                if (results.Count == plan.Targets.Count) break;
                throw new InvalidOperationException("No planned target can start and none is running: the plan's order edges form a cycle.");
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var done = running[finished];
            running.Remove(finished);
            var result = await finished.ConfigureAwait(false);
            results[done.Name] = result;
            ready.Finished(done);
            if (result.Outcome == TargetOutcome.Failed && !done.Spec.ProceedAfterFailure) halted = true;
        }

        return plan.Targets.Select(t => results[t.Name]).ToList();
    }

    /// <summary>The result of a target that will not run its body, or null when it should start.</summary>
    private static TargetResult? Decide(PlannedTarget target, Dictionary<string, TargetResult> results, bool stopping)
    {
        if (target.IsSkipped)
            return new TargetResult(target.Name, TargetOutcome.Skipped, TimeSpan.Zero, target.SkipReason);
        if (target.Spec.AssuredAfterFailure)
            return null;
        var blocker = target.WaitsFor.FirstOrDefault(e => e.Kind != EdgeKind.Ordering && !results[e.From].Satisfies);
        if (blocker is not null)
            return new TargetResult(target.Name, TargetOutcome.NotRun, TimeSpan.Zero, $"'{blocker.From}' {Describe(results[blocker.From].Outcome)}");
        return stopping ? new TargetResult(target.Name, TargetOutcome.NotRun, TimeSpan.Zero, "the build stopped before it") : null;
    }

    private async Task<TargetResult> RunTargetAsync(PlannedTarget target, CancellationToken token)
    {
        var host = options.CiHost;
        var grouped = options.MaxParallelism <= 1;
        var console = options.Console;
        if (grouped)
            foreach (var line in host.BeginGroup(target.Name, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds())) console.Minimal(line);
        else
            console.Minimal($"▶ {target.Name} started");

        TargetResult result;
        var startedAt = options.TimeProvider.GetUtcNow();
        using (console.BeginTarget(target.Name))
        {
            result = await _runner.RunAsync(target, token).ConfigureAwait(false) with { StartedAt = startedAt };
        }

        if (grouped)
            foreach (var line in host.EndGroup(target.Name, options.TimeProvider.GetUtcNow().ToUnixTimeSeconds())) console.Minimal(line);
        Report(result);
        return result;
    }

    private void Report(TargetResult result)
    {
        var line = $"{Symbol(result.Outcome)} {result.Name}: {result.Outcome}{(result.Message is null ? "" : $" ({result.Message})")}";
        if (result.Outcome == TargetOutcome.Failed) options.Console.Error(line);
        else options.Console.Minimal(line);
    }

    private static string Symbol(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Succeeded => "✔",
        TargetOutcome.Failed => "✘",
        TargetOutcome.Cancelled => "■",
        _ => "•",
    };

    private static string Describe(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Failed => "failed",
        TargetOutcome.Cancelled => "was cancelled",
        _ => "did not run",
    };
}

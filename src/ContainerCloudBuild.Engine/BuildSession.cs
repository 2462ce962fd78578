using ContainerCloudBuild.Engine.Cli;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Parameters;
using ContainerCloudBuild.Engine.Planning;

namespace ContainerCloudBuild.Engine;

/// <summary>The steps of one run after the console exists (see <see cref="BuildRunner"/>).</summary>
internal sealed class BuildSession(object build, CommandLine commandLine, BuildRunSettings settings, BuildContext context)
{
    private BuildConsole Console => context.Console;
    private DateTimeOffset _started;

    private IReadOnlyList<string> Requested =>
        commandLine.Targets.Count > 0 ? commandLine.Targets : settings.DefaultTarget is { } d ? [d] : [];

    public async Task<int> RunAsync(CancellationToken cancellationToken, CancellationToken forceToken)
    {
        _started = settings.TimeProvider.GetUtcNow();
        var started = _started;
        var errors = new List<string>();
        var descriptors = ParameterDescriptor.Discover(build.GetType());
        var files = ParameterFiles.Read(context.RootDirectory, commandLine.Value("profile"), errors);
        var parameters = ParameterBinder.Bind(build, descriptors, commandLine, settings.Environment, files, context.RootDirectory, errors);
        foreach (var p in parameters.Where(p => p.Descriptor.IsSecret && p.IsGiven))
            foreach (var value in p.Value is Array items ? items.Cast<object>().Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture)) : [p.Text])
                context.Secrets.Register(value);
        if (errors.Count > 0) return UsageError(errors);

        (build as IBuildContextReceiver)?.Initialize(context);
        var graph = TargetGraph.FromBuild(build);
        ParameterSchema.WriteIfChanged(
            Path.Combine(context.RootDirectory, ".nuke", "build.schema.json"),
            ParameterSchema.Create(descriptors, graph.Targets.Select(t => t.Name)));
        if (commandLine.Has("help"))
        {
            Console.Always(HelpWriter.Write(graph, parameters, settings.DefaultTarget));
            WarnAboutCycles(graph);
            return BuildRunner.ExitSuccess;
        }

        var skipAll = commandLine.Has("skip") && commandLine.Values("skip").Count == 0;
        var requested = Requested;
        var planResult = Planner.Plan(graph, new PlanRequest(requested, commandLine.Values("skip"), skipAll));
        if (!planResult.Succeeded) return UsageError([planResult.Error!]);
        var plan = planResult.Plan!;

        if (commandLine.Has("plan"))
        {
            Console.Always(PlanWriter.Text(plan));
            Console.Always("```mermaid\n" + PlanWriter.Mermaid(plan) + "```");
            WarnAboutCycles(graph);
            return BuildRunner.ExitSuccess;
        }

        var missing = plan.Targets
            .Where(t => !t.IsSkipped)
            .SelectMany(t => t.Spec.Requirements.Where(r => IsMissing(r.Read())).Select(r => (Target: t.Name, r.Name)))
            .Select(x => $"Target '{x.Target}' requires '{x.Name}' ({Hint(descriptors, x.Name)}).")
            .ToList();
        if (missing.Count > 0) return UsageError(missing);

        if (!TryParallelism(out var parallelism)) return UsageError([]);
        var options = new ExecutionOptions
        {
            Console = Console,
            MaxParallelism = parallelism,
            Force = commandLine.Has("force"),
            TimeProvider = settings.TimeProvider,
            CiHost = context.CiHost,
            UpToDate = new UpToDateCheck(context.RootDirectory, Path.Combine(context.RootDirectory, ".nuke", "temp", "up-to-date")),
        };
        Console.Minimal($"Running {string.Join(", ", requested)} on {context.CiHost.Name}{(parallelism > 1 ? $" with up to {parallelism} targets in parallel" : "")}.");
        IReadOnlyList<TargetResult> results;
        // A forced exit ends the process right after this callback: leave a record of it first.
        using (forceToken.Register(() => WriteMinimalRecord(BuildRunner.ExitCancelled)))
            results = await new Executor(options).RunAsync(plan, cancellationToken, forceToken).ConfigureAwait(false);

        var exitCode = cancellationToken.IsCancellationRequested ? BuildRunner.ExitCancelled
            : results.Any(r => r.Outcome is TargetOutcome.Failed or TargetOutcome.Cancelled) ? BuildRunner.ExitFailure
            : BuildRunner.ExitSuccess;
        var finished = settings.TimeProvider.GetUtcNow();
        Console.Always(SummaryTable.Render(results, finished - started));
        Console.Always(exitCode switch
        {
            BuildRunner.ExitSuccess => "Build succeeded.",
            BuildRunner.ExitCancelled => "Build cancelled.",
            _ => "Build failed.",
        });
        var record = RunRecord.Create(build.GetType().Name, requested, started, finished, exitCode, context.CiHost.Name, results, parameters, context.Secrets, context.Events.Events);
        record.WriteTo(RunRecord.LastRunPath(context.RootDirectory));
        await NotifyCompletedAsync(record, forceToken).ConfigureAwait(false);
        return exitCode;
    }

    private async Task NotifyCompletedAsync(RunRecord record, CancellationToken cancellationToken)
    {
        if (settings.OnRunCompleted is null) return;
        try
        {
            await settings.OnRunCompleted(record, Console, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            Console.Error($"warning: after the run: {ex.Message}");
        }
    }

    private bool TryParallelism(out int parallelism)
    {
        parallelism = 1;
        if (!commandLine.Has("parallel")) return true;
        var text = commandLine.Value("parallel");
        if (text is null) { parallelism = Math.Max(2, Environment.ProcessorCount); return true; }
        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out parallelism) && parallelism >= 1) return true;
        Console.Error($"--parallel '{text}' is not a positive whole number.");
        return false;
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        Array a => a.Length == 0,
        _ => false,
    };

    private static string Hint(IReadOnlyList<ParameterDescriptor> descriptors, string name)
    {
        var d = descriptors.FirstOrDefault(p => ParameterNames.Normalize(p.Name) == ParameterNames.Normalize(name));
        return d is null ? "set it before the build runs" : $"pass {d.CommandLineName} or set {d.EnvironmentName}";
    }

    private int UsageError(IReadOnlyList<string> errors)
    {
        foreach (var e in errors) Console.Error("error: " + e);
        WriteMinimalRecord(BuildRunner.ExitUsage);
        return BuildRunner.ExitUsage;
    }

    private void WriteMinimalRecord(int exitCode) =>
        RunRecord.Minimal(build.GetType().Name, Requested, _started, settings.TimeProvider.GetUtcNow(), exitCode, context.CiHost.Name)
            .WriteTo(RunRecord.LastRunPath(context.RootDirectory));

    /// <summary>A cycle outside the plan does not stop this run, but requesting any of its targets would.</summary>
    private void WarnAboutCycles(TargetGraph graph)
    {
        if (GraphCycles.Find(graph) is { } cycle)
            Console.Error($"warning: dependency cycle between targets: {string.Join(" -> ", cycle)}. Requesting any of them is a usage error; remove one of these relations.");
    }
}

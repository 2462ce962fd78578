using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Parameters;

namespace ContainerCloudBuild.CiGeneration;

/// <summary>
/// Turns a build's targets, their dependencies and its [Secret] parameters into CI jobs: one job per invoked target,
/// needing the jobs of all the invoked targets it depends on (transitively: a CI job gets the artifacts of the jobs it
/// names only) and skipping what those ran; with a PublishTarget, one job that publishes the image and records its
/// reference; one job per deploy target and environment, each environment after the one before, deploying that record.
/// </summary>
public static class CiPipelineBuilder
{
    /// <summary>Where every run writes its JSON record; kept as an artifact of every job.</summary>
    public const string RunRecordPath = ".nuke/temp/last-run.json";

    /// <summary>The self-contained HTML report every run writes beside its record; kept as an artifact of every job.</summary>
    public const string RunReportPath = ".nuke/temp/report.html";

    /// <summary>
    /// The file the publish job's target writes the pushed reference to (<c>registry/repository@sha256:...</c>), kept as its
    /// artifact and read by every deploy job: the one place that names it.
    /// </summary>
    public const string PublishedImagePath = "artifacts/published-image.txt";

    public static CiPipeline Create(string buildName, TargetGraph graph, IReadOnlyList<ParameterDescriptor> parameters, CiConfigurationAttribute settings)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(settings);
        var invoked = settings.InvokedTargets.Select(n => Resolve(graph, n, settings)).ToList();
        var deploys = settings.DeployTargets.Select(n => Resolve(graph, n, settings)).ToList();
        var publish = string.IsNullOrEmpty(settings.PublishTarget) ? null : Resolve(graph, settings.PublishTarget, settings);
        if (invoked.Count == 0 && deploys.Count == 0)
            throw new InvalidOperationException($"[{AttributeName(settings)}] names no target: give the targets CI runs, e.g. [{AttributeName(settings)}(\"Test\")].");
        if (deploys.Count > 0 && settings.Environments.Length == 0)
            throw new InvalidOperationException($"[{AttributeName(settings)}] names deploy targets ({string.Join(", ", deploys)}) but no Environments.");
        var environmentParameter = deploys.Count > 0 ? RequireParameter(parameters, settings, settings.EnvironmentParameter, "deploys per environment", nameof(settings.EnvironmentParameter)) : null;
        var publishedParameter = publish is null ? null : RequireParameter(parameters, settings, settings.PublishedImageParameter, $"publishes with '{publish}'", nameof(settings.PublishedImageParameter));
        var deployFileParameter = publish is null || deploys.Count == 0 ? null
            : RequireParameter(parameters, settings, settings.DeployImageFileParameter, "deploys the published image", nameof(settings.DeployImageFileParameter));

        var jobs = new List<CiJob>();
        foreach (var target in invoked)
        {
            var needs = jobs.Where(j => j.Target != target && Closure(graph, target).Contains(j.Target)).ToList();
            var later = invoked.FirstOrDefault(u => u != target && Closure(graph, target).Contains(u) && jobs.All(j => j.Target != u));
            if (later is not null)
                throw new InvalidOperationException($"[{AttributeName(settings)}] lists '{target}' before '{later}', which it depends on: list '{later}' first.");
            if (publish is not null && Closure(graph, target).Contains(publish))
                throw new InvalidOperationException($"[{AttributeName(settings)}] runs '{target}' on every push, but it runs the PublishTarget '{publish}', which runs once after them: invoke targets that do not publish.");
            jobs.Add(Job(graph, target, Kebab(target), needs, CiJobKind.Build, environment: null, extra: []));
        }

        CiJob? publishJob = null;
        if (publish is not null)
        {
            var needs = jobs.Where(j => Closure(graph, publish).Contains(j.Target)).ToList();
            if (needs.Count == 0) needs = Leaves(jobs);
            publishJob = Job(graph, publish, Kebab(publish), needs, CiJobKind.Publish, environment: null, [publishedParameter!.CommandLineName, PublishedImagePath]);
            jobs.Add(publishJob);
        }

        var buildJobs = jobs.ToList();
        CiJob? previousEnvironment = null;
        foreach (var environment in settings.Environments.Where(_ => deploys.Count > 0))
        {
            var environmentJobs = new List<CiJob>();
            foreach (var target in deploys)
            {
                var needs = buildJobs.Where(j => Closure(graph, target).Contains(j.Target)).ToList();
                if (needs.Count == 0) needs = Leaves(buildJobs);
                if (publishJob is not null && !needs.Contains(publishJob)) needs.Add(publishJob);
                if (previousEnvironment is not null) needs.Add(previousEnvironment);
                string[] extra = deployFileParameter is null
                    ? [environmentParameter!.CommandLineName, environment]
                    : [environmentParameter!.CommandLineName, environment, deployFileParameter.CommandLineName, PublishedImagePath];
                var job = Job(graph, target, $"{Kebab(target)}-{Kebab(environment)}", needs, CiJobKind.Deploy, environment, extra);
                environmentJobs.Add(job);
                jobs.Add(job);
            }

            previousEnvironment = environmentJobs[^1];
        }

        var secrets = parameters.Where(p => p.IsSecret).Select(p => new CiSecret(p.EnvironmentName, p.Description)).ToList();
        return new CiPipeline(buildName, jobs, secrets, settings);
    }

    private static CiJob Job(TargetGraph graph, string target, string id, List<CiJob> needs, CiJobKind kind, string? environment, string[] extra)
    {
        var skipped = needs.Where(n => n.Kind != CiJobKind.Deploy).SelectMany(n => Closure(graph, n.Target)).ToHashSet(StringComparer.Ordinal);
        var skip = graph.Targets.Select(t => t.Name).Where(skipped.Contains).ToList();
        var arguments = new List<string> { target };
        if (skip.Count > 0) arguments.AddRange(["--skip", .. skip]);
        arguments.AddRange(extra);
        var ran = Closure(graph, target).Where(t => !skipped.Contains(t));
        var outputs = graph.Targets.Where(t => ran.Contains(t.Name)).SelectMany(t => t.OutputGlobs).Where(g => !g.StartsWith('!'));
        if (kind == CiJobKind.Publish) outputs = outputs.Append(PublishedImagePath);
        return new CiJob
        {
            Id = id,
            Target = target,
            Kind = kind,
            Level = needs.Count == 0 ? 0 : needs.Max(n => n.Level) + 1,
            Needs = needs.Select(n => n.Id).Distinct().ToList(),
            Arguments = arguments,
            Environment = environment,
            ArtifactPaths = [RunRecordPath, RunReportPath, .. outputs.Distinct()],
        };
    }

    private static ParameterDescriptor RequireParameter(IReadOnlyList<ParameterDescriptor> parameters, CiConfigurationAttribute settings, string name, string what, string property) =>
        parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"[{AttributeName(settings)}] {what}, but the build has no parameter '{name}' ({property}).");

    /// <summary>The target and every target it depends on, transitively.</summary>
    private static HashSet<string> Closure(TargetGraph graph, string target)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([target]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name)) continue;
            foreach (var dependency in graph[name].DependsOn) pending.Push(graph[dependency].Name);
        }

        return seen;
    }

    /// <summary>Jobs no other job needs: a deploy that depends on none of them waits for all of these.</summary>
    private static List<CiJob> Leaves(List<CiJob> jobs) => jobs.Where(j => jobs.All(o => !o.Needs.Contains(j.Id))).ToList();

    private static string Resolve(TargetGraph graph, string name, CiConfigurationAttribute settings) =>
        graph.Find(name)?.Name ?? throw new InvalidOperationException(
            $"[{AttributeName(settings)}] names target '{name}', which the build does not have. Targets: {string.Join(", ", graph.Targets.Select(t => t.Name))}.");

    private static string AttributeName(CiConfigurationAttribute settings) => settings.GetType().Name.Replace("Attribute", "", StringComparison.Ordinal);

    internal static string Kebab(string name) => ParameterNames.Kebab(name);
}

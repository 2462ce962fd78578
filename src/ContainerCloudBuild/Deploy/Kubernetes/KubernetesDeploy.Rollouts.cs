using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Rollouts.Kubernetes;
using ContainerCloudBuild.Rollouts.Kubernetes.State;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// Blue-green on a cluster through the rollout core: the render's other resources are applied, then the core's strategy
/// runs over Deployment slots, the active/preview Services and the state, commands and Lease in the namespace, so Status,
/// Promote, Abort, Undo and History work from any machine. Every command's outcome is recorded in the cluster.
/// </summary>
public sealed partial class KubernetesDeploy
{
    /// <summary>Applies what blue-green does not replace (no pruning: the slots replace the rendered Deployment), then runs the rollout.</summary>
    public async Task<RolloutResult> BlueGreenAsync(ServiceDefinition service, IReadOnlyList<string> setOverrides, ImageReference image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(image);
        var documents = BlueGreenDocuments.Split(await RenderAsync(service.Folder, service.Environment, setOverrides, image, cancellationToken).ConfigureAwait(false));
        foreach (var leftOut in documents.LeftOut)
            context.Console.Info($"{service.Name}: {leftOut}");
        return await ApplyThenRunAsync(service, image, "blue-green", documents.Applied,
            _ => Task.FromResult(Rollouts(documents, service.ContainerPort)),
            async (controller, revision, ct) =>
            {
                var result = await controller.DeployBlueGreenAsync(DockerHostWorkloads.BlueGreen(service, revision, Workload(service, image)), ct).ConfigureAwait(false);
                return result.Succeeded && result.State?.Stable is { } serving && serving.Revision != revision
                    ? RolloutResult.Fail($"the switch to {revision} was undone: {serving.Revision} serves ({result.Message})", result.State)
                    : result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What blue-green and canary share: apply <paramref name="applied"/> (no pruning: the slots replace the rendered Deployment),
    /// stop there on a dry run, ready the target, then run the rollout of a new revision and record it. Cluster errors are a failed result.
    /// </summary>
    private async Task<RolloutResult> ApplyThenRunAsync(
        ServiceDefinition service, ImageReference image, string strategy, IReadOnlyList<RenderedDocument> applied,
        Func<CancellationToken, Task<KubernetesRolloutTarget>> prepare, Func<RolloutController, string, CancellationToken, Task<RolloutResult>> run,
        CancellationToken cancellationToken)
    {
        try
        {
            var report = await new ManifestApplier(Api, Connection.Namespace, line => context.Console.Info(context.Secrets.Apply(line)))
                .ApplyAsync(service.Name, applied, Options.Apply with { Prune = false }, cancellationToken).ConfigureAwait(false);
            if (report.DryRun)
                return new RolloutResult(true, null, $"dry run: {report.Diffs.Count(d => !d.IsEmpty)} of {report.Applied.Count} resources would change; the {strategy} rollout itself is not simulated", null);
            var target = await prepare(cancellationToken).ConfigureAwait(false);
            var revision = RevisionNames.From(image, context.TimeProvider.GetUtcNow());
            context.Console.Info($"{service.Name}: {strategy} rollout of {image.ToDeployString()} as revision {revision} on {Connection.Target}");
            var result = await run(target.Controller, revision, cancellationToken).ConfigureAwait(false);
            await RecordAsync(service.Name, "Deploy", strategy, revision, image, result, cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is ClusterAccessException or KubeApiException)
        {
            return RolloutResult.Fail(context.Secrets.Apply(e.Message));
        }
    }

    /// <summary>The rollout's state, who runs it (the Lease) and the live selector weights and slots.</summary>
    public async Task<RolloutStatus> RolloutStatusAsync(ServiceDefinition service, IReadOnlyList<string> setOverrides, CancellationToken cancellationToken) =>
        await (await RolloutsFor(service, setOverrides, cancellationToken).ConfigureAwait(false)).Controller.GetStatusAsync(service.Name, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs Promote, Abort or Undo through the cluster (the running process acts on it, or this one when none runs) and records it.</summary>
    public async Task<RolloutResult> CommandAsync(
        ServiceDefinition service, IReadOnlyList<string> setOverrides, RolloutCommandKind kind, Func<RolloutController, CancellationToken, Task<RolloutResult>> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            var result = await command((await RolloutsFor(service, setOverrides, cancellationToken).ConfigureAwait(false)).Controller, cancellationToken).ConfigureAwait(false);
            var revision = result.State?.Candidate ?? result.State?.Stable;
            await RecordAsync(service.Name, kind.ToString(), result.State?.Strategy.ToString(), revision?.Revision, null, result, cancellationToken, revision).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is ClusterAccessException or KubeApiException)
        {
            return RolloutResult.Fail(context.Secrets.Apply(e.Message));
        }
    }

    public async Task<IReadOnlyList<RolloutHistoryEntry>> HistoryAsync(string app, CancellationToken cancellationToken) =>
        [.. (await new ClusterRecordLog(Connection.Client, Connection.Namespace).ReadAsync(app, cancellationToken).ConfigureAwait(false))
            .Select(RolloutHistory.FromLine).OfType<RolloutHistoryEntry>()];

    /// <summary>Whether the cluster holds a rollout state for the application (a blue-green or canary ran here).</summary>
    public async Task<bool> HasRolloutStateAsync(string app, CancellationToken cancellationToken) =>
        await Rollouts(new BlueGreenDocuments(null, null, [], []), 8080).Store.LoadAsync(app, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The target of the rollout the cluster holds: a canary's commands go through its traffic router, a blue-green's through the Services.</summary>
    private async Task<KubernetesRolloutTarget> RolloutsFor(ServiceDefinition service, IReadOnlyList<string> setOverrides, CancellationToken cancellationToken)
    {
        var rendered = await RenderAsync(service.Folder, service.Environment, setOverrides, service.ImageFromValues, cancellationToken).ConfigureAwait(false);
        var documents = BlueGreenDocuments.Split(rendered);
        var target = Rollouts(documents, service.ContainerPort);
        return await target.Store.LoadAsync(service.Name, cancellationToken).ConfigureAwait(false) is { Strategy: RolloutStrategy.Canary }
            ? Rollouts(documents, service.ContainerPort, CanaryRouter(service, rendered))
            : target;
    }

    private KubernetesRolloutTarget Rollouts(BlueGreenDocuments documents, int containerPort, CanaryRouting? canary = null) =>
        KubernetesRolloutTarget.Create(Connection.Client, Connection.Namespace, Connection.Target.ToString(), new KubernetesRolloutOptions
        {
            DeploymentTemplate = documents.Deployment,
            ServiceTemplate = documents.Service,
            ContainerPort = containerPort,
            Wait = Options.Wait with { StreamLogs = false },
            Events = new RunRecordRolloutEvents(context.Events),
            Analysis = new ClusterAnalysisRunner(AnalysisRunner, Connection.Namespace, canary?.Choice, (canary?.Routing ?? Routing()).ServiceName),
            Progress = WaitProgressFor.Build(context),
            Output = line => context.Console.Info(context.Secrets.Apply(line)),
            Redact = context.Secrets.Apply,
            TimeProvider = context.TimeProvider,
        }, canary?.Router);

    /// <summary>The image and replicas of the revision; env, secrets, probes and limits come with the rendered Deployment (the slot template).</summary>
    private static WorkloadSpec Workload(ServiceDefinition service, ImageReference image) => new()
    {
        Image = image.ToDeployString(),
        Replicas = service.Replicas,
        HealthCheck = service.Readiness is { } probe
            ? new HealthCheckSpec { Path = probe.Path, Interval = probe.Period, Timeout = probe.Timeout, Deadline = probe.Deadline + SchedulingAllowance }
            : new HealthCheckSpec { Deadline = TimeSpan.FromMinutes(5) },
    };

    /// <summary>On a cluster, pods are also scheduled and their image pulled before the readiness probe runs.</summary>
    private static readonly TimeSpan SchedulingAllowance = TimeSpan.FromMinutes(2);

    private async Task<IReadOnlyList<RenderedDocument>> RenderAsync(
        string folder, string? environment, IReadOnlyList<string> setOverrides, ImageReference? image, CancellationToken cancellationToken)
    {
        var request = RenderRequest.ForService(Options.TemplatesDirectory, folder, environment) with { SetOverrides = setOverrides, Image = image };
        var render = await _renderer.RenderAsync(request, cancellationToken).ConfigureAwait(false);
        if (!render.Success)
            throw new ServiceDefinitionException(folder, [.. render.Diagnostics.Where(d => d.IsError).Select(d => d.ToString())]);
        return render.Documents;
    }

    private Task RecordAsync(
        string app, string command, string? strategy, string? revision, ImageReference? image, RolloutResult result, CancellationToken cancellationToken, RevisionInfo? info = null)
    {
        info ??= result.State?.Stable?.Revision == revision ? result.State?.Stable : result.State?.Candidate ?? result.State?.Previous;
        var entry = new RolloutHistoryEntry(
            context.TimeProvider.GetUtcNow(), app, command, strategy, revision, image?.ToDeployString() ?? info?.Image, image?.Digest ?? info?.Digest,
            RolloutHistory.Actor(context.Environment), result.Phase, result.Succeeded, context.Secrets.Apply(result.Message));
        return new ClusterRecordLog(Connection.Client, Connection.Namespace).AppendAsync(app, RolloutHistory.ToLine(entry), cancellationToken);
    }
}

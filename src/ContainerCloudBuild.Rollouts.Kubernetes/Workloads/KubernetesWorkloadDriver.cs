using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Workloads;

/// <summary>
/// Runs each revision as its own Deployment (a slot, <see cref="SlotDeployment"/>) applied server-side; the health gate
/// waits for the slot by watching it with the adapter's <see cref="RolloutWatcher"/> (its explanation on failure), a retired
/// slot is deleted, and a candidate's crash is read from its pods' container statuses.
/// </summary>
public sealed class KubernetesWorkloadDriver(
    IKubernetes client, KubeApi api, string ns, Func<string, SlotDeployment> slots, RolloutWaitOptions wait, Action<string> output, Func<string, string> redact, TimeProvider time)
    : IWorkloadDriver
{
    private const int LogTailLines = 10;

    public async Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var body = slots(app).Build(app, revision, workload, ns);
        var kind = ResourceKind.Find("apps/v1", "Deployment")!;
        var applied = await api.ApplyAsync(new ResourceId(kind, ns, RolloutLabels.Slot(app, revision)), body, RolloutLabels.FieldManager, force: true, dryRun: false, cancellationToken)
            .ConfigureAwait(false);
        var created = applied["metadata"]?["creationTimestamp"]?.GetValue<string>();
        return new RevisionInfo
        {
            Revision = revision,
            Image = workload.Image,
            Digest = DigestOf(workload.Image),
            StartedAt = created is null ? time.GetUtcNow() : DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public async Task<HealthResult> WaitHealthyAsync(
        string app, RevisionInfo revision, HealthCheckSpec healthCheck, IProgress<ReplicaReadiness>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(healthCheck);
        var name = RolloutLabels.Slot(app, revision.Revision);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var watcher = new RolloutWatcher(client, ns, output, redact, time);
        var outcome = await watcher.WaitAsync(name, deployment.Metadata.Generation ?? 1, wait with { Timeout = healthCheck.Deadline }, cancellationToken).ConfigureAwait(false);
        var wanted = deployment.Spec?.Replicas ?? 1;
        progress?.Report(new ReplicaReadiness(outcome.Succeeded ? wanted : 0, wanted));
        if (outcome.Succeeded)
            return HealthResult.Ok(outcome.Message);
        var logs = outcome.Explanation?.Logs.SelectMany(l => l.Lines).ToList() ?? [];
        return new HealthResult(false, outcome.Describe(redact), logs);
    }

    public async Task StopAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var kind = ResourceKind.Find("apps/v1", "Deployment")!;
        await api.DeleteAsync(new ResourceId(kind, ns, RolloutLabels.Slot(app, revision)), dryRun: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: RolloutLabels.RevisionSelector(app, revision), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var live = pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).ToList();
        if (live.Count == 0)
        {
            var slots = await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: RolloutLabels.RevisionSelector(app, revision), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return slots.Items.Count == 0 ? new WorkloadExit(revision) { Exists = false } : null;
        }
        if (PodExits.FirstExit(revision, live) is not { } found)
            return null;
        return found.Exit with { LastLogs = await TailAsync(found.Pod.Metadata.Name, found.Container, cancellationToken).ConfigureAwait(false) };
    }

    public async Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var slots = await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: RolloutLabels.AppSelector(app), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return [.. slots.Items.OrderBy(d => d.Metadata.CreationTimestamp).Select(d =>
        {
            var image = d.Spec.Template.Spec.Containers.FirstOrDefault()?.Image ?? "";
            return new RevisionInfo
            {
                Revision = d.Metadata.Labels[RolloutLabels.Revision],
                Image = image,
                Digest = DigestOf(image),
                RunningReplicas = d.Status?.ReadyReplicas ?? 0,
                StartedAt = d.Metadata.CreationTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            };
        })];
    }

    private async Task<IReadOnlyList<string>> TailAsync(string pod, string container, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: container, tailLines: LogTailLines, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(redact)];
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return [];
        }
    }

    private static string? DigestOf(string image) => image.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? image[(at + 1)..] : null;
}

using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>
/// Waits for a Deployment's rolling update by watching it (never polling) and its pods: prints each step of progress,
/// follows the new pods' logs, fails fast on problems no wait cures, and on failure or timeout returns an explanation
/// (<see cref="ExplanationCollector"/>). Output is masked.
/// </summary>
public sealed class RolloutWatcher(IKubernetes client, string ns, Action<string> output, Func<string, string> redact, TimeProvider time)
{
    private sealed record Deadline;

    public async Task<RolloutOutcome> WaitAsync(string name, long generation, RolloutWaitOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var timeout = options.Timeout ?? TimeSpan.FromSeconds(deployment.Spec?.ProgressDeadlineSeconds ?? 600) + options.DeadlineGrace;
        var channel = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var selector = Selectors.Of(deployment);
        var pumps = new[]
        {
            new WatchPump<V1Deployment, V1DeploymentList>(
                ct => client.AppsV1.ListNamespacedDeploymentAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: ct),
                (version, onError, ct) => client.AppsV1.WatchListNamespacedDeploymentAsync(
                    ns, allowWatchBookmarks: true, fieldSelector: $"metadata.name={name}", resourceVersion: version, onError: onError, cancellationToken: ct),
                channel.Writer).RunAsync(stop.Token),
            new WatchPump<V1Pod, V1PodList>(
                ct => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: ct),
                (version, onError, ct) => client.CoreV1.WatchListNamespacedPodAsync(
                    ns, allowWatchBookmarks: true, labelSelector: selector, resourceVersion: version, onError: onError, cancellationToken: ct),
                channel.Writer).RunAsync(stop.Token),
            DeadlineAsync(timeout, channel.Writer, stop.Token),
        };
        await using var logs = new PodLogStreamer(client, ns, output, redact);
        try
        {
            return await JudgeAsync(deployment, generation, timeout, options, channel.Reader, logs, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }
    }

    private async Task<RolloutOutcome> JudgeAsync(
        V1Deployment deployment, long generation, TimeSpan timeout, RolloutWaitOptions options, ChannelReader<object> updates, PodLogStreamer logs, CancellationToken cancellationToken)
    {
        var pods = new Dictionary<string, V1Pod>(StringComparer.Ordinal);
        var said = "";
        var progress = DeploymentProgress.Evaluate(deployment, generation);
        await foreach (var update in updates.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (update)
            {
                case Deadline:
                    return await FailAsync($"deployment \"{deployment.Metadata.Name}\" did not complete within {timeout.TotalSeconds:0}s ({progress.Message})",
                        deployment, pods, options, cancellationToken).ConfigureAwait(false);
                case WatchUpdate { Object: V1Deployment observed }:
                    deployment = observed;
                    progress = DeploymentProgress.Evaluate(deployment, generation);
                    break;
                case WatchUpdate { Type: WatchEventType.Deleted, Object: V1Pod gone }:
                    pods.Remove(gone.Metadata.Name);
                    continue;
                case WatchUpdate { Object: V1Pod pod }:
                    pods[pod.Metadata.Name] = pod;
                    if (!IsNew(pod, deployment))
                        continue;
                    if (options.StreamLogs)
                    {
                        foreach (var container in pod.Status?.ContainerStatuses?.Where(c => c.State?.Running is not null || c.State?.Terminated is not null) ?? [])
                            logs.Follow(pod.Metadata.Name, container.Name);
                    }
                    if (options.FailFast && PodDiagnosis.Diagnose(pod).FirstOrDefault(p => p.IsFatal) is { } fatal)
                        return await FailAsync($"deployment \"{deployment.Metadata.Name}\" cannot become ready: pod {fatal.Pod}: {fatal.Detail}",
                            deployment, pods, options, cancellationToken).ConfigureAwait(false);
                    continue;
            }
            if (progress.Message != said)
                output(redact($"rollout: {progress.Message}"));
            said = progress.Message;
            if (progress.State == RolloutProgressState.Complete)
                return new RolloutOutcome(true, progress.Message, null);
            if (progress.State == RolloutProgressState.Failed)
                return await FailAsync(progress.Message, deployment, pods, options, cancellationToken).ConfigureAwait(false);
        }
        throw new OperationCanceledException(cancellationToken);
    }

    /// <summary>During the watch a pod counts as new when it runs the template's images (the explanation asks the ReplicaSets).</summary>
    private static bool IsNew(V1Pod pod, V1Deployment deployment) => NewPods.IsNew(pod, deployment, null);

    private async Task<RolloutOutcome> FailAsync(string verdict, V1Deployment deployment, Dictionary<string, V1Pod> pods, RolloutWaitOptions options, CancellationToken cancellationToken)
    {
        var explanation = await new ExplanationCollector(client, ns).CollectAsync(verdict, deployment, pods.Values, options.LogTailLines, cancellationToken).ConfigureAwait(false);
        return new RolloutOutcome(false, redact(verdict), explanation);
    }

    private async Task DeadlineAsync(TimeSpan timeout, ChannelWriter<object> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(timeout, time, cancellationToken).ConfigureAwait(false);
            await writer.WriteAsync(new Deadline(), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>Gathers what explains a failed rollout from the cluster: the new pods' problems, crashed containers' last log lines, related Events.</summary>
public sealed class ExplanationCollector(IKubernetes client, string ns)
{
    public async Task<RolloutExplanation> CollectAsync(string verdict, V1Deployment deployment, IReadOnlyCollection<V1Pod> pods, int tailLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(pods);
        var sets = await client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: Selectors.Of(deployment), cancellationToken: cancellationToken).ConfigureAwait(false);
        var newSet = NewPods.NewReplicaSet(deployment, sets.Items);
        var newPods = pods.Where(p => NewPods.IsNew(p, deployment, newSet)).ToList();
        var problems = newPods.SelectMany(PodDiagnosis.Diagnose).ToList();
        var logs = new List<ContainerLogTail>();
        foreach (var problem in problems.Where(p => p.WantsLogs && p.Container is not null).DistinctBy(p => (p.Kind, p.Container)))
            logs.Add(await TailAsync(problem.Pod, problem.Container!, tailLines, cancellationToken).ConfigureAwait(false));
        var related = new HashSet<string>(StringComparer.Ordinal) { deployment.Metadata.Name };
        related.UnionWith(sets.Items.Select(s => s.Metadata.Name));
        related.UnionWith(newPods.Select(p => p.Metadata.Name));
        var events = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        var relevant = events.Items.Where(e => e.InvolvedObject?.Name is { } n && related.Contains(n)).ToList();
        return new RolloutExplanation(verdict, problems, logs, relevant);
    }

    private async Task<ContainerLogTail> TailAsync(string pod, string container, int lines, CancellationToken cancellationToken)
    {
        // The crashed instance's log is the previous one; a container that never restarted has only the current one.
        foreach (var previous in new[] { true, false })
        {
            try
            {
                using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: container, previous: previous, tailLines: lines, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                var all = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                if (all.Length > 0 || !previous)
                    return new ContainerLogTail(pod, container, all.TakeLast(lines).ToList());
            }
            catch (k8s.Autorest.HttpOperationException) when (previous)
            {
            }
            catch (k8s.Autorest.HttpOperationException e)
            {
                return new ContainerLogTail(pod, container, [$"(logs unavailable: {e.Response?.StatusCode})"]);
            }
        }
        return new ContainerLogTail(pod, container, []);
    }
}

/// <summary>A Deployment's selector as a label selector string.</summary>
public static class Selectors
{
    public static string Of(V1Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return string.Join(',', (deployment.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}"));
    }
}

using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Workloads;

/// <summary>
/// Reads a revision's pods as the core's <see cref="WorkloadExit"/>: the first container that terminated (exit code, OOM
/// kill, when) or that runs again after exiting (restart count), in pod-name order; null while all run as started.
/// </summary>
internal static class PodExits
{
    public static (WorkloadExit Exit, V1Pod Pod, string Container)? FirstExit(string revision, IReadOnlyList<V1Pod> pods)
    {
        var ordered = pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal).ToList();
        for (var index = 0; index < ordered.Count; index++)
        {
            var pod = ordered[index];
            foreach (var status in pod.Status?.ContainerStatuses ?? [])
            {
                var current = status.State?.Terminated;
                var last = status.LastState?.Terminated;
                if (current is null && last is null && status.RestartCount == 0)
                    continue;
                var ended = current ?? last!;
                var running = current is null && status.State?.Running is not null;
                var exit = new WorkloadExit(revision)
                {
                    Running = running,
                    ExitCode = ended?.ExitCode,
                    OomKilled = ended?.Reason == "OOMKilled",
                    FinishedAt = ended?.FinishedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
                    RestartCount = status.RestartCount,
                    Error = status.State?.Waiting is { Reason: { } reason } waiting ? $"{reason}{(waiting.Message is { Length: > 0 } m ? ": " + m : "")}" : ended?.Message,
                    Replica = ordered.Count > 1 ? index : null,
                    ReplicaCount = ordered.Count,
                    InstanceName = pod.Metadata.Name,
                };
                return (exit, pod, status.Name);
            }
        }
        return null;
    }
}

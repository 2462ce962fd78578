using System.Text;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>A failed container's last log lines, read from the cluster.</summary>
public sealed record ContainerLogTail(string Pod, string Container, IReadOnlyList<string> Lines);

/// <summary>
/// Why a rollout failed, as one text: the verdict, each distinct pod problem (with the last log lines of crashed or
/// OOM-killed containers), then the warning Events of the Deployment, its ReplicaSets and pods. Masked by the caller.
/// </summary>
public sealed record RolloutExplanation(string Verdict, IReadOnlyList<PodProblem> Problems, IReadOnlyList<ContainerLogTail> Logs, IReadOnlyList<Corev1Event> Events)
{
    public const int MaxEvents = 15;

    public string Render()
    {
        var text = new StringBuilder(Verdict);
        foreach (var group in Problems.GroupBy(p => (p.Kind, p.Container, p.Detail)))
        {
            var pods = group.Select(p => p.Pod).Distinct(StringComparer.Ordinal).ToList();
            text.Append('\n').Append($"  {Title(group.Key.Kind)}: pod {string.Join(", ", pods)}")
                .Append(group.Key.Container is { } c ? $", container {c}" : "").Append(": ").Append(group.Key.Detail);
            foreach (var tail in Logs.Where(l => pods.Contains(l.Pod) && l.Container == group.Key.Container).Take(1))
            {
                text.Append('\n').Append($"    last log lines of {tail.Pod}/{tail.Container}:");
                foreach (var line in tail.Lines)
                    text.Append('\n').Append("      ").Append(line);
            }
        }
        var shown = Events.OrderByDescending(e => e.Type == "Warning").ThenBy(When).Take(MaxEvents).ToList();
        if (shown.Count > 0)
        {
            text.Append('\n').Append("  events:");
            foreach (var e in shown)
                text.Append('\n').Append($"    {e.Type} {e.Reason} {e.InvolvedObject?.Kind?.ToLowerInvariant()}/{e.InvolvedObject?.Name}: {e.Message}{(e.Count > 1 ? $" (x{e.Count})" : "")}");
        }
        return text.ToString();
    }

    private static DateTime When(Corev1Event e) => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;

    private static string Title(PodProblemKind kind) => kind switch
    {
        PodProblemKind.ImagePull => "image cannot be pulled",
        PodProblemKind.CrashLoop => "container crashes (CrashLoopBackOff)",
        PodProblemKind.OomKilled => "container killed for memory (OOMKilled)",
        PodProblemKind.ReadinessFailing => "readiness probe failing",
        PodProblemKind.Unschedulable => "pod cannot be scheduled",
        _ => kind.ToString(),
    };
}

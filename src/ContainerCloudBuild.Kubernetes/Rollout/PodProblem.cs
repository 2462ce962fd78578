namespace ContainerCloudBuild.Kubernetes.Rollout;

public enum PodProblemKind { ImagePull, CrashLoop, OomKilled, ReadinessFailing, Unschedulable }

/// <summary>Why one pod (or one of its containers) does not get ready, in the cluster's words.</summary>
public sealed record PodProblem(PodProblemKind Kind, string Pod, string? Container, string Detail)
{
    /// <summary>Problems that no wait cures: the rollout fails as soon as a new pod shows one.</summary>
    public bool IsFatal => Kind is PodProblemKind.ImagePull or PodProblemKind.CrashLoop or PodProblemKind.OomKilled;

    /// <summary>Whose last log lines explain it.</summary>
    public bool WantsLogs => Kind is PodProblemKind.CrashLoop or PodProblemKind.OomKilled;
}

namespace ContainerCloudBuild.Kubernetes.Testing.Behaviours;

public enum PodOutcome { Ready, CrashLoop, ImagePullFails, OomKilled, Unschedulable, ReadinessFails }

/// <summary>What a simulated pod does: become ready after a delay, crash, fail to pull, be OOM killed, stay pending, fail readiness.</summary>
public sealed record PodBehaviour(PodOutcome Outcome, TimeSpan ReadyAfter, int ExitCode, IReadOnlyList<string> LogLines, string Message)
{
    public static PodBehaviour Default { get; } = new(PodOutcome.Ready, TimeSpan.Zero, 0, ["listening"], "");
}

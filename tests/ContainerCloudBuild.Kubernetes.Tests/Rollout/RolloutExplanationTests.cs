using ContainerCloudBuild.Kubernetes.Rollout;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class RolloutExplanationTests
{
    private static Corev1Event Event(string type, string reason, string kind, string name, string message, int count, int minute) => new()
    {
        Type = type, Reason = reason, Message = message, Count = count,
        InvolvedObject = new V1ObjectReference { Kind = kind, Name = name },
        LastTimestamp = new DateTime(2026, 12, 2, 7, minute, 0, DateTimeKind.Utc),
        Metadata = new V1ObjectMeta { Name = $"{name}.{minute}" },
    };

    [Fact]
    public void Render_CrashLoopInTwoPods_GroupsPodsShowsLogTailThenWarningsFirst()
    {
        var problems = new[]
        {
            new PodProblem(PodProblemKind.CrashLoop, "orders-1", "app", "CrashLoopBackOff, restarted 3 time(s), last exit code 1: back-off"),
            new PodProblem(PodProblemKind.CrashLoop, "orders-2", "app", "CrashLoopBackOff, restarted 3 time(s), last exit code 1: back-off"),
        };
        var logs = new[] { new ContainerLogTail("orders-1", "app", ["starting", "panic: DATABASE_URL not set"]) };
        var events = new[]
        {
            Event("Normal", "Pulled", "Pod", "orders-1", "Container image pulled", 1, 1),
            Event("Warning", "BackOff", "Pod", "orders-1", "Back-off restarting failed container app", 5, 2),
        };

        var text = new RolloutExplanation("deployment \"orders\" cannot become ready", problems, logs, events).Render();

        Assert.Equal(
            """
            deployment "orders" cannot become ready
              container crashes (CrashLoopBackOff): pod orders-1, orders-2, container app: CrashLoopBackOff, restarted 3 time(s), last exit code 1: back-off
                last log lines of orders-1/app:
                  starting
                  panic: DATABASE_URL not set
              events:
                Warning BackOff pod/orders-1: Back-off restarting failed container app (x5)
                Normal Pulled pod/orders-1: Container image pulled
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }
}

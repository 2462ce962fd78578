using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>Reads a pod's status into <see cref="PodProblem"/>s: image pulls, crash loops, OOM kills, failing readiness, scheduling.</summary>
public static class PodDiagnosis
{
    private static readonly string[] ImagePullReasons = ["ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull"];

    public static IReadOnlyList<PodProblem> Diagnose(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var name = pod.Metadata?.Name ?? "(unnamed pod)";
        var problems = new List<PodProblem>();
        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled") is { Status: "False" } scheduled)
            problems.Add(new(PodProblemKind.Unschedulable, name, null, $"{scheduled.Reason}: {scheduled.Message}"));
        foreach (var container in pod.Status?.ContainerStatuses ?? [])
        {
            var spec = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == container.Name);
            if (container.State?.Waiting is { } waiting && ImagePullReasons.Contains(waiting.Reason))
                problems.Add(new(PodProblemKind.ImagePull, name, container.Name, $"{waiting.Reason} for image {spec?.Image ?? container.Image}: {waiting.Message}"));
            else if (container.LastState?.Terminated is { Reason: "OOMKilled" } || container.State?.Terminated is { Reason: "OOMKilled" })
                problems.Add(new(PodProblemKind.OomKilled, name, container.Name,
                    $"OOMKilled (memory limit {Limit(spec)}), restarted {container.RestartCount} time(s)"));
            else if (container.State?.Waiting is { Reason: "CrashLoopBackOff" } crash)
                problems.Add(new(PodProblemKind.CrashLoop, name, container.Name,
                    $"CrashLoopBackOff, restarted {container.RestartCount} time(s), last exit code {container.LastState?.Terminated?.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}: {crash.Message}"));
            else if (container.State?.Running is not null && container.Ready is false && spec?.ReadinessProbe is { } probe)
                problems.Add(new(PodProblemKind.ReadinessFailing, name, container.Name, $"running but not ready: readiness probe {Describe(probe)}"));
        }
        return problems;
    }

    /// <summary><c>HTTP GET :8080/healthz every 5s (timeout 1s, 3 failures)</c>.</summary>
    public static string Describe(V1Probe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var how = probe switch
        {
            { HttpGet: { } get } => $"HTTP GET :{get.Port?.Value}{get.Path}",
            { TcpSocket: { } tcp } => $"TCP :{tcp.Port?.Value}",
            { Exec: { } exec } => $"exec {string.Join(' ', exec.Command ?? [])}",
            { Grpc: { } grpc } => $"gRPC :{grpc.Port}",
            _ => "(no handler)",
        };
        return $"{how} every {probe.PeriodSeconds ?? 10}s (timeout {probe.TimeoutSeconds ?? 1}s, {probe.FailureThreshold ?? 3} failures)";
    }

    private static string Limit(V1Container? spec) =>
        spec?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory) ? memory.ToString() : "none";
}

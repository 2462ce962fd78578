using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Behaviours;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>The status a pod with a given behaviour shows after running for a while.</summary>
public static class PodStatusFactory
{
    public static JsonObject Build(JsonObject pod, PodBehaviour behaviour, TimeSpan age, string podIp)
    {
        var started = pod.Metadata().Str("creationTimestamp");
        var containers = (pod["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        if (behaviour.Outcome == PodOutcome.Unschedulable)
            return new JsonObject
            {
                ["phase"] = "Pending",
                ["conditions"] = new JsonArray(Condition("PodScheduled", false, "Unschedulable", behaviour.Message, started)),
            };
        var ready = behaviour.Outcome == PodOutcome.Ready && age >= behaviour.ReadyAfter;
        var restarts = behaviour.Outcome is PodOutcome.CrashLoop or PodOutcome.OomKilled ? 1 + (int)(age.TotalSeconds / 5) : 0;
        var statuses = new JsonArray();
        foreach (var c in containers)
            statuses.Add(new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["imageID"] = behaviour.Outcome == PodOutcome.ImagePullFails ? "" : "docker-pullable://" + c.Str("image"),
                ["ready"] = ready,
                ["started"] = behaviour.Outcome is PodOutcome.Ready or PodOutcome.ReadinessFails,
                ["restartCount"] = restarts,
                ["state"] = State(behaviour, c.Str("name") ?? "", pod.Name(), started),
                ["lastState"] = LastState(behaviour, started),
            });
        return new JsonObject
        {
            ["phase"] = behaviour.Outcome == PodOutcome.ImagePullFails ? "Pending" : "Running",
            ["conditions"] = new JsonArray(
                Condition("PodScheduled", true, null, null, started),
                Condition("Initialized", true, null, null, started),
                Condition("ContainersReady", ready, ready ? null : "ContainersNotReady", ready ? null : "containers with unready status", started),
                Condition("Ready", ready, ready ? null : "ContainersNotReady", ready ? null : "containers with unready status", started)),
            ["hostIP"] = "10.0.0.1",
            ["podIP"] = podIp,
            ["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp }),
            ["startTime"] = started,
            ["qosClass"] = "BestEffort",
            ["containerStatuses"] = statuses,
        };
    }

    private static JsonObject State(PodBehaviour behaviour, string container, string pod, string? started) => behaviour.Outcome switch
    {
        PodOutcome.ImagePullFails => Waiting("ImagePullBackOff", behaviour.Message),
        PodOutcome.CrashLoop or PodOutcome.OomKilled =>
            Waiting("CrashLoopBackOff", $"back-off 10s restarting failed container={container} pod={pod}"),
        _ => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } },
    };

    private static JsonObject LastState(PodBehaviour behaviour, string? started) => behaviour.Outcome switch
    {
        PodOutcome.CrashLoop or PodOutcome.OomKilled => new JsonObject
        {
            ["terminated"] = new JsonObject
            {
                ["exitCode"] = behaviour.ExitCode,
                ["reason"] = behaviour.Outcome == PodOutcome.OomKilled ? "OOMKilled" : "Error",
                ["startedAt"] = started,
                ["finishedAt"] = started,
            },
        },
        _ => new JsonObject(),
    };

    private static JsonObject Waiting(string reason, string message) =>
        new() { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } };

    private static JsonObject Condition(string type, bool status, string? reason, string? message, string? time)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status ? "True" : "False", ["lastTransitionTime"] = time };
        if (reason is not null) condition["reason"] = reason;
        if (message is not null) condition["message"] = message;
        return condition;
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Behaviours;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>The kubelet stand-in: gives each pod the status, logs and events its behaviour calls for.</summary>
public sealed class PodSimulator(KubeObjectStore store, PodBehaviours behaviours, PodLogs logs, EventRecorder events, TimeProvider time) : IReconciler
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> firstSeen = new();
    private readonly ConcurrentDictionary<string, PodBehaviour> assigned = new();

    public void Reconcile()
    {
        var pods = store.Catalog.Get("", "pods");
        var live = new HashSet<string>();
        foreach (var pod in store.List(pods))
        {
            var uid = pod.Uid() ?? pod.Name();
            live.Add(uid);
            var now = time.GetUtcNow();
            var isNew = !firstSeen.ContainsKey(uid);
            var since = firstSeen.GetOrAdd(uid, now);
            var behaviour = assigned.GetOrAdd(uid, _ => behaviours.Resolve(pod.Namespace() ?? "", DeploymentOf(pod), Images(pod)));
            if (isNew) Announce(pods, pod, behaviour);
            var status = PodStatusFactory.Build(pod, behaviour, now - since, IpOf(uid));
            if (JsonNode.DeepEquals(status, pod["status"])) continue;
            var becameReady = IsReady(status) && !IsReady(pod["status"]);
            pod["status"] = status;
            store.Update(pods, pod, pod.ResourceVersion());
            if (becameReady) events.Record(pods, pod, "Normal", "Started", "Started container", "kubelet");
            if (behaviour.Outcome is PodOutcome.CrashLoop or PodOutcome.OomKilled)
                events.Record(pods, pod, "Warning", "BackOff", "Back-off restarting failed container", "kubelet");
        }
        foreach (var gone in firstSeen.Keys.Where(k => !live.Contains(k)).ToList())
        {
            firstSeen.TryRemove(gone, out _);
            assigned.TryRemove(gone, out _);
        }
    }

    private void Announce(ResourceType pods, JsonObject pod, PodBehaviour behaviour)
    {
        var ns = pod.Namespace() ?? "";
        var image = Images(pod).FirstOrDefault() ?? "";
        switch (behaviour.Outcome)
        {
            case PodOutcome.Unschedulable:
                events.Record(pods, pod, "Warning", "FailedScheduling", behaviour.Message, "default-scheduler");
                return;
            case PodOutcome.ImagePullFails:
                events.Record(pods, pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{pod.Name()} to fake-node", "default-scheduler");
                events.Record(pods, pod, "Warning", "Failed", $"Failed to pull image \"{image}\": {behaviour.Message}", "kubelet");
                return;
            case PodOutcome.ReadinessFails:
                events.Record(pods, pod, "Warning", "Unhealthy", $"Readiness probe failed: {behaviour.Message}", "kubelet");
                break;
            case PodOutcome.OomKilled:
                events.Record(pods, pod, "Warning", "OOMKilled", "Container was OOM killed (exit code 137)", "kubelet");
                break;
        }
        events.Record(pods, pod, "Normal", "Scheduled", $"Successfully assigned {ns}/{pod.Name()} to fake-node", "default-scheduler");
        events.Record(pods, pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine", "kubelet");
        logs.Append(ns, pod.Name(), behaviour.LogLines);
    }

    private static bool IsReady(JsonNode? status) =>
        status?["conditions"] is JsonArray conditions && conditions.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    private string? DeploymentOf(JsonObject pod)
    {
        if (pod.Metadata()["ownerReferences"] is not JsonArray owners) return null;
        var rsName = owners.Where(o => o.Str("kind") == "ReplicaSet").Select(o => o.Str("name")).FirstOrDefault();
        if (rsName is null) return null;
        var rs = store.Get(store.Catalog.Get("apps", "replicasets"), pod.Namespace(), rsName);
        return (rs?.Metadata()["ownerReferences"] as JsonArray)?.Where(o => o.Str("kind") == "Deployment").Select(o => o.Str("name")).FirstOrDefault();
    }

    private static IEnumerable<string> Images(JsonObject pod) =>
        (pod["spec"]?["containers"] as JsonArray)?.Select(c => c.Str("image")).OfType<string>() ?? [];

    private static string IpOf(string uid)
    {
        var hash = (uint)uid.GetHashCode(StringComparison.Ordinal);
        return string.Create(CultureInfo.InvariantCulture, $"10.244.{(hash >> 8) % 250 + 1}.{hash % 250 + 2}");
    }
}

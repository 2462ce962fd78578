using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>Keeps each ReplicaSet's pod count at spec.replicas and reports replicas, ready and available pods.</summary>
public sealed class ReplicaSetController(KubeObjectStore store, EventRecorder events, TimeProvider time) : IReconciler
{
    public void Reconcile()
    {
        var replicaSets = store.Catalog.Get("apps", "replicasets");
        var pods = store.Catalog.Get("", "pods");
        foreach (var rs in store.List(replicaSets))
        {
            var owned = store.List(pods, rs.Namespace()).Where(p => OwnerReferences.IsOwnedBy(p, rs)).ToList();
            var wanted = OwnerReferences.Int(rs["spec"]?["replicas"], 1);
            for (var i = owned.Count; i < wanted; i++)
            {
                var pod = store.Create(pods, NewPod(rs, pods));
                events.Record(replicaSets, rs, "Normal", "SuccessfulCreate", $"Created pod: {pod.Name()}", "replicaset-controller");
                owned.Add(pod);
            }
            foreach (var extra in owned.OrderByDescending(OwnerReferences.IsReady).Skip(wanted).ToList())
            {
                store.Delete(pods, extra.Namespace(), extra.Name());
                events.Record(replicaSets, rs, "Normal", "SuccessfulDelete", $"Deleted pod: {extra.Name()}", "replicaset-controller");
                owned.Remove(extra);
            }
            var ready = owned.Count(OwnerReferences.IsReady);
            var status = new JsonObject
            {
                ["replicas"] = owned.Count,
                ["fullyLabeledReplicas"] = owned.Count,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["observedGeneration"] = rs.Generation(),
            };
            if (JsonNode.DeepEquals(status, rs["status"])) continue;
            rs["status"] = status;
            store.Update(replicaSets, rs, rs.ResourceVersion());
        }
    }

    private JsonObject NewPod(JsonObject rs, ResourceType pods)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? new JsonObject();
        var meta = template["metadata"]?.DeepClone() as JsonObject ?? new JsonObject();
        meta["name"] = $"{rs.Name()}-{Guid.NewGuid().ToString("N")[..5]}";
        meta["namespace"] = rs.Namespace();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        meta["ownerReferences"] = OwnerReferences.ControlledBy(store.Catalog.Get("apps", "replicasets"), rs);
        var spec = template["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        spec["nodeName"] = "fake-node";
        return new JsonObject { ["apiVersion"] = pods.ApiVersion, ["kind"] = pods.Kind, ["metadata"] = meta, ["spec"] = spec };
    }
}

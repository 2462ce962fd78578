using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>
/// Deployment → ReplicaSets: one ReplicaSet per pod template, rolling update within maxSurge/maxUnavailable
/// (or Recreate), and status with observedGeneration, replica counts and Progressing/Available conditions.
/// </summary>
public sealed class DeploymentController(KubeObjectStore store, EventRecorder events, TimeProvider time) : IReconciler
{
    private readonly ConcurrentDictionary<string, (string Signature, DateTimeOffset Since)> progress = new();

    public void Reconcile()
    {
        var deployments = store.Catalog.Get("apps", "deployments");
        var replicaSetType = store.Catalog.Get("apps", "replicasets");
        foreach (var deployment in store.List(deployments))
        {
            var replicas = OwnerReferences.Int(deployment["spec"]?["replicas"], 1);
            var hash = RolloutMath.TemplateHash(deployment["spec"]?["template"]);
            var owned = store.List(replicaSetType, deployment.Namespace()).Where(r => OwnerReferences.IsOwnedBy(r, deployment)).ToList();
            var newRs = owned.FirstOrDefault(r => r.Labels().GetValueOrDefault("pod-template-hash") == hash)
                ?? store.Create(replicaSetType, NewReplicaSet(deployment, hash, owned, replicaSetType));
            var olds = owned.Where(r => r.Uid() != newRs.Uid()).ToList();
            Scale(deployment, replicas, newRs, olds, replicaSetType);
            WriteStatus(deployments, deployment, replicas, store.Get(replicaSetType, newRs.Namespace(), newRs.Name()) ?? newRs, olds);
        }
    }

    private void Scale(JsonObject deployment, int replicas, JsonObject newRs, List<JsonObject> olds, ResourceType replicaSetType)
    {
        int Spec(JsonObject rs) => OwnerReferences.Int(rs["spec"]?["replicas"]);
        int Available(JsonObject rs) => OwnerReferences.Int(rs["status"]?["availableReplicas"]);
        var recreate = deployment["spec"]?["strategy"]?.Str("type") == "Recreate";
        if (recreate)
        {
            foreach (var old in olds.Where(o => Spec(o) > 0)) SetReplicas(deployment, replicaSetType, old, 0);
            if (olds.All(o => OwnerReferences.Int(o["status"]?["replicas"]) == 0) && Spec(newRs) != replicas)
                SetReplicas(deployment, replicaSetType, newRs, replicas);
            return;
        }
        var (surge, unavailable) = RolloutMath.Budget(deployment, replicas);
        var total = Spec(newRs) + olds.Sum(Spec);
        if (olds.Sum(Spec) == 0 && Spec(newRs) != replicas) SetReplicas(deployment, replicaSetType, newRs, replicas);
        else if (Spec(newRs) < replicas && total < replicas + surge)
            SetReplicas(deployment, replicaSetType, newRs, Math.Min(replicas, Spec(newRs) + replicas + surge - total));
        var canRemove = Available(newRs) + olds.Sum(Available) - (replicas - unavailable);
        foreach (var old in olds.Where(o => Spec(o) > 0))
        {
            var unhealthy = Spec(old) - Available(old);
            var remove = Math.Min(Spec(old), Math.Max(0, unhealthy) + Math.Max(0, canRemove));
            if (Available(newRs) >= replicas) remove = Spec(old);
            if (remove <= 0) continue;
            canRemove -= Math.Max(0, remove - Math.Max(0, unhealthy));
            SetReplicas(deployment, replicaSetType, old, Spec(old) - remove);
        }
    }

    private void SetReplicas(JsonObject deployment, ResourceType replicaSetType, JsonObject rs, int count)
    {
        var from = OwnerReferences.Int(rs["spec"]?["replicas"]);
        rs["spec"]!["replicas"] = count;
        store.Update(replicaSetType, rs, rs.ResourceVersion());
        var verb = count > from ? $"Scaled up replica set {rs.Name()} from {from} to {count}" : $"Scaled down replica set {rs.Name()} from {from} to {count}";
        events.Record(store.Catalog.Get("apps", "deployments"), deployment, "Normal", "ScalingReplicaSet", verb, "deployment-controller");
    }

    private JsonObject NewReplicaSet(JsonObject deployment, string hash, List<JsonObject> owned, ResourceType replicaSetType)
    {
        var template = (JsonObject)(deployment["spec"]?["template"]?.DeepClone() ?? new JsonObject());
        var templateMeta = template.Metadata();
        var labels = templateMeta["labels"] as JsonObject ?? new JsonObject();
        labels["pod-template-hash"] = hash;
        templateMeta["labels"] = labels;
        var selector = (JsonObject)(deployment["spec"]?["selector"]?.DeepClone() ?? new JsonObject());
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        matchLabels["pod-template-hash"] = hash;
        selector["matchLabels"] = matchLabels;
        var revision = owned.Select(r => int.TryParse(r.Metadata()["annotations"]?.Str("deployment.kubernetes.io/revision"), out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        return new JsonObject
        {
            ["apiVersion"] = replicaSetType.ApiVersion,
            ["kind"] = replicaSetType.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{deployment.Name()}-{hash}",
                ["namespace"] = deployment.Namespace(),
                ["uid"] = Guid.NewGuid().ToString(),
                ["generation"] = 1,
                ["creationTimestamp"] = Now,
                ["labels"] = labels.DeepClone(),
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = revision.ToString(CultureInfo.InvariantCulture) },
                ["ownerReferences"] = OwnerReferences.ControlledBy(store.Catalog.Get("apps", "deployments"), deployment),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = template },
        };
    }

    private void WriteStatus(ResourceType deployments, JsonObject deployment, int replicas, JsonObject newRs, List<JsonObject> olds)
    {
        var all = olds.Append(newRs).ToList();
        int Sum(string field) => all.Sum(r => OwnerReferences.Int(r["status"]?[field]));
        var updated = OwnerReferences.Int(newRs["status"]?["replicas"]);
        var available = Sum("availableReplicas");
        var total = Sum("replicas");
        var (_, maxUnavailable) = RolloutMath.Budget(deployment, replicas);
        var complete = updated == replicas && total == replicas && available == replicas;
        var signature = $"{deployment.Generation()}/{updated}/{total}/{available}/{Sum("readyReplicas")}";
        var uid = deployment.Uid() ?? "";
        var now = time.GetUtcNow();
        var last = progress.AddOrUpdate(uid, (signature, now), (_, old) => old.Signature == signature ? old : (signature, now));
        var deadline = TimeSpan.FromSeconds(OwnerReferences.Int(deployment["spec"]?["progressDeadlineSeconds"], 600));
        var (reason, message, progressing) = complete
            ? ("NewReplicaSetAvailable", $"ReplicaSet \"{newRs.Name()}\" has successfully progressed.", true)
            : now - last.Since > deadline
                ? ("ProgressDeadlineExceeded", $"ReplicaSet \"{newRs.Name()}\" has timed out progressing.", false)
                : ("ReplicaSetUpdated", $"ReplicaSet \"{newRs.Name()}\" is progressing.", true);
        var minimum = available >= replicas - maxUnavailable;
        var previous = deployment["status"]?["conditions"] as JsonArray;
        var status = new JsonObject
        {
            ["observedGeneration"] = deployment.Generation(),
            ["replicas"] = total,
            ["updatedReplicas"] = updated,
            ["readyReplicas"] = Sum("readyReplicas"),
            ["availableReplicas"] = available,
            ["conditions"] = new JsonArray(
                Condition(previous, "Available", minimum, minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability."),
                Condition(previous, "Progressing", progressing, reason, message)),
        };
        if (replicas - available > 0) status["unavailableReplicas"] = replicas - available;
        if (JsonNode.DeepEquals(status, deployment["status"])) return;
        deployment["status"] = status;
        store.Update(deployments, deployment, deployment.ResourceVersion());
        if (reason == "ProgressDeadlineExceeded" && previous?.Any(c => c.Str("reason") == reason) != true)
            events.Record(deployments, deployment, "Warning", reason, message, "deployment-controller");
    }

    private JsonObject Condition(JsonArray? previous, string type, bool status, string reason, string message)
    {
        var old = previous?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == type);
        var text = status ? "True" : "False";
        var unchanged = old is not null && old.Str("status") == text && old.Str("reason") == reason;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastUpdateTime"] = unchanged ? old!.Str("lastUpdateTime") : Now,
            ["lastTransitionTime"] = old is not null && old.Str("status") == text ? old.Str("lastTransitionTime") : Now,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    private string Now => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

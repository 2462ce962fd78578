using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Apply;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>The `scale` subresource of Deployments, ReplicaSets and StatefulSets: an autoscaling/v1 Scale view of spec.replicas.</summary>
public sealed class ScaleSubresource(KubeObjectStore store, ResourceWrites writes)
{
    public static bool Serves(RequestTarget target) => target.Subresource == "scale" && target.Type.Kind is "Deployment" or "ReplicaSet" or "StatefulSet";

    public JsonObject Get(RequestTarget target) => ScaleOf(Current(target));

    /// <summary>Applies a PUT body or a merge/JSON patch to the Scale view and writes the new replica count back.</summary>
    public JsonObject Write(RequestTarget target, string method, string contentType, string body, WriteOptions options)
    {
        var current = Current(target);
        var scale = ScaleOf(current);
        var changed = method == "PUT"
            ? JsonNode.Parse(body) as JsonObject
            : contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal)
                ? JsonPatches.JsonPatch(scale, JsonNode.Parse(body) as JsonArray ?? throw KubeApiException.BadRequest("json patch must be an array")) as JsonObject
                : JsonPatches.MergePatch(scale, JsonNode.Parse(body)) as JsonObject;
        var replicas = KubeObjectJson.Number(changed?["spec"]?["replicas"]) ?? throw KubeApiException.BadRequest("spec.replicas is required");
        var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
        var result = writes.Patch(target with { Subresource = null }, "application/merge-patch+json", patch.ToJsonString(), options);
        return ScaleOf(result.Object);
    }

    private JsonObject Current(RequestTarget target) =>
        store.Get(target.Type, target.Namespace, target.Name!) ?? throw KubeApiException.NotFound(target.Type, target.Name!);

    private static JsonObject ScaleOf(JsonObject obj)
    {
        var meta = obj.Metadata();
        var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = obj.Name(), ["namespace"] = obj.Namespace(), ["uid"] = meta.Str("uid"),
                ["resourceVersion"] = meta.Str("resourceVersion"), ["creationTimestamp"] = meta.Str("creationTimestamp"),
            },
            ["spec"] = new JsonObject { ["replicas"] = KubeObjectJson.Number(obj["spec"]?["replicas"]) ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = KubeObjectJson.Number(obj["status"]?["replicas"]) ?? 0,
                ["selector"] = selector is null ? "" : string.Join(",", selector.Select(p => $"{p.Key}={p.Value}")),
            },
        };
    }
}

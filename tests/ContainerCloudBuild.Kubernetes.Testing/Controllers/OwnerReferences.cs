using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>Controller owner references and the ready/available reading of pods.</summary>
public static class OwnerReferences
{
    public static JsonArray ControlledBy(ResourceType type, JsonObject owner) => new(new JsonObject
    {
        ["apiVersion"] = type.ApiVersion,
        ["kind"] = type.Kind,
        ["name"] = owner.Name(),
        ["uid"] = owner.Uid(),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    });

    public static bool IsOwnedBy(JsonObject obj, JsonObject owner) => obj.OwnerUids().Contains(owner.Uid());

    public static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"] is JsonArray conditions && conditions.Any(c => c.Str("type") == "Ready" && c.Str("status") == "True");

    public static int Int(JsonNode? node, int fallback = 0) => KubeObjectJson.Number(node) is { } n ? (int)n : fallback;
}

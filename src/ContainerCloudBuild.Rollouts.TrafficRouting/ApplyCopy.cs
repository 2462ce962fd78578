using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>A live object as an apply body: apiVersion, kind, spec and the metadata a user sets (no status, no server fields).</summary>
internal static class ApplyCopy
{
    public static JsonObject Of(JsonObject live, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        var metadata = live["metadata"] as JsonObject ?? new JsonObject();
        var copy = new JsonObject
        {
            ["apiVersion"] = live["apiVersion"]?.DeepClone(),
            ["kind"] = live["kind"]?.DeepClone(),
            ["metadata"] = new JsonObject
            {
                ["name"] = name ?? metadata["name"]?.GetValue<string>(),
                ["namespace"] = metadata["namespace"]?.DeepClone(),
            },
            ["spec"] = live["spec"]?.DeepClone() ?? new JsonObject(),
        };
        foreach (var key in new[] { "labels", "annotations" })
            if (metadata[key] is JsonObject map)
                copy["metadata"]![key] = map.DeepClone();
        return copy;
    }
}

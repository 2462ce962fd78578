using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>Writes core/v1 Events about objects, counting repeats as the real event recorder does.</summary>
public sealed class EventRecorder(KubeObjectStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Uid, string Reason, string Message), string> names = new();

    public void Record(ResourceType type, JsonObject about, string eventType, string reason, string message, string component)
    {
        var events = store.Catalog.Get("", "events");
        var ns = about.Namespace() ?? "default";
        var now = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var key = (about.Uid() ?? about.Name(), reason, message);
        if (names.TryGetValue(key, out var existingName) && store.Get(events, ns, existingName) is { } existing)
        {
            existing["count"] = (KubeObjectJson.Number(existing["count"]) ?? 1) + 1;
            existing["lastTimestamp"] = now;
            store.Update(events, existing, existing.ResourceVersion());
            return;
        }
        var name = $"{about.Name()}.{Guid.NewGuid():N}"[..Math.Min(about.Name().Length + 17, 253)];
        names[key] = name;
        store.Create(events, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString(), ["creationTimestamp"] = now },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind, ["name"] = about.Name(), ["namespace"] = ns, ["uid"] = about.Uid(),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = eventType,
            ["count"] = 1,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = component },
            ["reportingComponent"] = component,
        });
    }
}

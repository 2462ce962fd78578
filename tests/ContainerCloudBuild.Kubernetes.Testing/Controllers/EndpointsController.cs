using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Controllers;

/// <summary>Keeps an Endpoints object per Service with a selector: ready pod IPs as addresses, the rest as notReadyAddresses.</summary>
public sealed class EndpointsController(KubeObjectStore store) : IReconciler
{
    public void Reconcile()
    {
        var services = store.Catalog.Get("", "services");
        var endpoints = store.Catalog.Get("", "endpoints");
        var pods = store.Catalog.Get("", "pods");
        foreach (var service in store.List(services))
        {
            if (service["spec"]?["selector"] is not JsonObject selector || selector.Count == 0) continue;
            var matching = store.List(pods, service.Namespace())
                .Where(p => selector.All(s => p.Labels().TryGetValue(s.Key, out var v) && v == s.Value?.ToString()) && p["status"]?.Str("podIP") is not null)
                .ToList();
            var subset = new JsonObject
            {
                ["addresses"] = Addresses(matching.Where(OwnerReferences.IsReady)),
                ["notReadyAddresses"] = Addresses(matching.Where(p => !OwnerReferences.IsReady(p))),
                ["ports"] = Ports(service),
            };
            var desired = new JsonArray();
            if (matching.Count > 0) desired.Add(subset);
            var current = store.Get(endpoints, service.Namespace(), service.Name());
            if (current is null)
            {
                store.Create(endpoints, new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Endpoints",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = service.Name(), ["namespace"] = service.Namespace(), ["uid"] = Guid.NewGuid().ToString(),
                        ["creationTimestamp"] = service.Metadata().Str("creationTimestamp"),
                        ["ownerReferences"] = OwnerReferences.ControlledBy(services, service),
                    },
                    ["subsets"] = desired,
                });
            }
            else if (!JsonNode.DeepEquals(current["subsets"], desired))
            {
                current["subsets"] = desired;
                store.Update(endpoints, current, current.ResourceVersion());
            }
        }
    }

    private static JsonArray Addresses(IEnumerable<JsonObject> pods) => new(pods.Select(p => (JsonNode)new JsonObject
    {
        ["ip"] = p["status"]!.Str("podIP"),
        ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = p.Name(), ["namespace"] = p.Namespace(), ["uid"] = p.Uid() },
    }).ToArray());

    private static JsonArray Ports(JsonObject service) => new(((service["spec"]?["ports"] as JsonArray) ?? []).OfType<JsonObject>()
        .Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Str("name"),
            ["port"] = KubeObjectJson.Number(p["targetPort"]) is { } target ? (int)target : OwnerReferences.Int(p["port"]),
            ["protocol"] = p.Str("protocol") ?? "TCP",
        }).ToArray());
}

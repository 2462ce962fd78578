using System.Globalization;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>meta.k8s.io/v1 Table answers (what `kubectl get` prints) with the columns the real server uses for common kinds.</summary>
public sealed class TableConverter(TimeProvider time)
{
    public static bool Wanted(string? accept) => accept?.Contains("as=Table", StringComparison.Ordinal) == true;

    public JsonObject Convert(ResourceType type, IReadOnlyList<JsonObject> items, string resourceVersion)
    {
        var (names, cells) = Columns(type.Kind);
        var rows = new JsonArray();
        foreach (var item in items)
            rows.Add(new JsonObject
            {
                ["cells"] = new JsonArray(cells(item).Append(Age(item)).Prepend(item.Name()).Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["object"] = item.Clone(),
            });
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray(names.Prepend("Name").Append("Age").Select(n => (JsonNode)new JsonObject
            {
                ["name"] = n, ["type"] = "string", ["format"] = n == "Name" ? "name" : "", ["description"] = n, ["priority"] = 0,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static (string[] Names, Func<JsonObject, IEnumerable<string>> Cells) Columns(string kind) => kind switch
    {
        "Deployment" => (["Ready", "Up-to-date", "Available"], d =>
        [
            $"{Int(d["status"]?["readyReplicas"])}/{Int(d["spec"]?["replicas"], 1)}",
            Int(d["status"]?["updatedReplicas"]).ToString(CultureInfo.InvariantCulture),
            Int(d["status"]?["availableReplicas"]).ToString(CultureInfo.InvariantCulture),
        ]),
        "Pod" => (["Ready", "Status", "Restarts"], p =>
        {
            var statuses = (p["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            var containers = (p["spec"]?["containers"] as JsonArray)?.Count ?? 0;
            var waiting = statuses.Select(s => s["state"]?["waiting"]?.Str("reason")).FirstOrDefault(r => r is not null);
            return
            [
                $"{statuses.Count(s => s["ready"]?.GetValue<bool>() == true)}/{containers}",
                waiting ?? p["status"]?.Str("phase") ?? "Pending",
                statuses.Sum(s => Int(s["restartCount"])).ToString(CultureInfo.InvariantCulture),
            ];
        }),
        "Namespace" => (["Status"], n => [n["status"]?.Str("phase") ?? "Active"]),
        "ConfigMap" => (["Data"], c => [((c["data"] as JsonObject)?.Count ?? 0).ToString(CultureInfo.InvariantCulture)]),
        "Service" => (["Type", "Cluster-IP", "Port(s)"], s =>
        [
            s["spec"]?.Str("type") ?? "ClusterIP",
            s["spec"]?.Str("clusterIP") ?? "<none>",
            string.Join(",", ((s["spec"]?["ports"] as JsonArray) ?? []).Select(p => $"{Int(p?["port"])}/{p.Str("protocol") ?? "TCP"}")),
        ]),
        _ => ([], _ => []),
    };

    private string Age(JsonObject obj)
    {
        if (!DateTimeOffset.TryParse(obj.Metadata().Str("creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created)) return "<unknown>";
        var age = time.GetUtcNow() - created;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    private static int Int(JsonNode? node, int fallback = 0) => KubeObjectJson.Number(node) is { } n ? (int)n : fallback;
}

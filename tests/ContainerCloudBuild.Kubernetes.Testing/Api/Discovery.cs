using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>The discovery documents standard clients read first: /version, /api, /apis, resource lists.</summary>
public sealed class Discovery(ResourceCatalog catalog)
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public JsonObject? Answer(string path) => path.TrimEnd('/') switch
    {
        "/version" => Version(),
        "/api" => new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() },
        "/apis" => GroupList(),
        var p when p.StartsWith("/api/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2 => ResourceList("", p[5..]),
        var p when p.StartsWith("/apis/", StringComparison.Ordinal) && p.Count(c => c == '/') == 3 =>
            ResourceList(p.Split('/')[2], p.Split('/')[3]),
        var p when p.StartsWith("/apis/", StringComparison.Ordinal) && p.Count(c => c == '/') == 2 => Group(p.Split('/')[2]),
        _ => null,
    };

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-fake",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var name in catalog.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct())
            groups.Add(Group(name));
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private JsonObject? Group(string name)
    {
        var versions = catalog.All.Where(t => t.Group == name).Select(t => t.Version).Distinct().ToList();
        if (versions.Count == 0) return null;
        JsonObject Entry(string v) => new() { ["groupVersion"] = $"{name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray(versions.Select(v => (JsonNode)Entry(v)).ToArray()),
            ["preferredVersion"] = Entry(versions[0]),
        };
    }

    private JsonObject? ResourceList(string group, string version)
    {
        var types = catalog.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0) return null;
        var resources = new JsonArray();
        foreach (var t in types)
        {
            resources.Add(new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = new JsonArray(AllVerbs.Select(v => (JsonNode)v).ToArray()),
                ["shortNames"] = new JsonArray((t.ShortNames ?? []).Select(s => (JsonNode)s).ToArray()),
            });
            if (t.HasStatus) resources.Add(Sub(t, "status", ["get", "patch", "update"]));
            if (t.Kind == "Pod") resources.Add(Sub(t, "log", ["get"]));
            if (t.Kind is "Deployment" or "ReplicaSet" or "StatefulSet")
            {
                var scale = Sub(t, "scale", ["get", "patch", "update"]);
                scale["kind"] = "Scale";
                scale["group"] = "autoscaling";
                scale["version"] = "v1";
                resources.Add(scale);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Sub(ResourceType t, string name, string[] verbs) => new()
    {
        ["name"] = $"{t.Plural}/{name}",
        ["singularName"] = "",
        ["namespaced"] = t.Namespaced,
        ["kind"] = name == "log" ? "Pod" : t.Kind,
        ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode)v).ToArray()),
    };
}

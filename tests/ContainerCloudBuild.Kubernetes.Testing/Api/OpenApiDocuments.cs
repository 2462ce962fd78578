using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>
/// The minimal OpenAPI v3 documents kubectl reads before a write: per group/version, the PATCH operation of each
/// kind with its query parameters, so kubectl sees that the server validates fields (fieldValidation) itself.
/// </summary>
public sealed class OpenApiDocuments(ResourceCatalog catalog)
{
    private static readonly string[] WriteParameters = ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"];

    public JsonObject? Answer(string path)
    {
        if (path.TrimEnd('/') == "/openapi/v3") return Root();
        if (!path.StartsWith("/openapi/v3/", StringComparison.Ordinal)) return null;
        var groupVersion = path["/openapi/v3/".Length..].TrimEnd('/');
        var types = catalog.All.Where(t => PathOf(t) == groupVersion).ToList();
        return types.Count == 0 ? null : Document(types);
    }

    private static string PathOf(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var path in catalog.All.Select(PathOf).Distinct())
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash=fake" };
        return new JsonObject { ["paths"] = paths };
    }

    private static JsonObject Document(List<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var type in types)
        {
            var collection = type.Namespaced ? $"/{PathOf(type)}/namespaces/{{namespace}}/{type.Plural}" : $"/{PathOf(type)}/{type.Plural}";
            paths[collection + "/{name}"] = new JsonObject { ["patch"] = Patch(type) };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes (fake)", ["version"] = "v1.32.0" },
            ["paths"] = paths,
        };
    }

    private static JsonObject Patch(ResourceType type) => new()
    {
        ["operationId"] = $"patch{type.Kind}",
        ["parameters"] = new JsonArray(WriteParameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p,
            ["in"] = "query",
            ["schema"] = new JsonObject { ["type"] = p == "force" ? "boolean" : "string" },
        }).ToArray()),
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        ["x-kubernetes-action"] = "patch",
        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
    };
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Tools.HarborContract;

/// <summary>
/// Keeps what a spec-checking server needs from a Swagger 2.0 document: paths, methods, operation ids,
/// parameters, schemas, status codes and headers. Prose (description, summary, title, example, tags,
/// externalDocs, info) is dropped; keys of name maps (property, definition, path and header names) are
/// never taken for prose, so a property called "description" stays.
/// </summary>
public static class ContractExtractor
{
    private static readonly string[] TopLevel =
        ["swagger", "basePath", "consumes", "produces", "securityDefinitions", "security", "paths", "parameters", "responses", "definitions"];

    private static readonly HashSet<string> Prose = new(StringComparer.Ordinal)
        { "description", "summary", "title", "example", "examples", "tags", "externalDocs" };

    /// <summary>Keys whose value is a map from names (not keywords) to objects.</summary>
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
        { "paths", "definitions", "properties", "parameters", "responses", "headers", "securityDefinitions" };

    /// <summary>The contract document: where it came from, then the facts.</summary>
    public static JsonObject Extract(byte[] swaggerYaml, ContractSource source)
    {
        ArgumentNullException.ThrowIfNull(swaggerYaml);
        ArgumentNullException.ThrowIfNull(source);
        var spec = YamlToJson.Parse(swaggerYaml)?.AsObject()
            ?? throw new InvalidDataException("The swagger document is empty.");
        if (spec["swagger"]?.GetValue<string>() != "2.0")
            throw new InvalidDataException("Not a Swagger 2.0 document.");
        var contract = new JsonObject();
        foreach (var key in TopLevel)
        {
            if (spec[key] is JsonNode value)
                contract[key] = Facts(value, key);
        }

        return new JsonObject
        {
            ["source"] = new JsonObject
            {
                ["repository"] = source.Repository,
                ["path"] = source.Path,
                ["commit"] = source.Commit,
                ["describe"] = source.Describe,
                ["infoVersion"] = spec["info"]?["version"]?.DeepClone(),
                ["sha256"] = Convert.ToHexString(SHA256.HashData(swaggerYaml)).ToLowerInvariant(),
            },
            ["generatedBy"] = "dotnet run --project tools/HarborContract -- <swagger.yaml> <harbor-contract.json>",
            ["contract"] = contract,
        };
    }

    private static JsonNode? Facts(JsonNode? node, string? parentKey) => node switch
    {
        JsonObject obj => FactsOf(obj, parentKey is not null && NameMaps.Contains(parentKey)),
        JsonArray array => new JsonArray(array.Select(item => Facts(item, null)).ToArray()),
        _ => node?.DeepClone(),
    };

    private static JsonObject FactsOf(JsonObject obj, bool isNameMap)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!isNameMap && Prose.Contains(key))
                continue;
            // Below a name map the values are schemas, operations, parameters: keyword objects again.
            result[key] = Facts(value, isNameMap ? null : key);
        }

        return result;
    }
}

using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Spec;

/// <summary>One operation of the spec: method, path template and its (resolved) parameters.</summary>
internal sealed record SpecOperation(string Method, string PathTemplate, string OperationId,
    IReadOnlyList<JsonObject> Parameters, JsonObject Responses)
{
    public string[] Segments { get; } = PathTemplate.Trim('/').Split('/');

    public int LiteralSegments => Segments.Count(s => !s.StartsWith('{'));
}

/// <summary>A Swagger 2.0 document (as JSON), with $ref resolution and operation lookup.</summary>
internal sealed class SwaggerSpec
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "head", "patch", "options"];

    public SwaggerSpec(JsonObject root)
    {
        Root = root;
        if (root["swagger"]?.GetValue<string>() != "2.0")
            throw new InvalidDataException("Not a Swagger 2.0 document.");
        BasePath = root["basePath"]?.GetValue<string>() ?? "";
        var operations = new List<SpecOperation>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            var pathItem = item!.AsObject();
            var shared = pathItem["parameters"]?.AsArray().Select(p => Resolve(p!)).ToList() ?? [];
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject op)
                    continue;
                var own = op["parameters"]?.AsArray().Select(p => Resolve(p!)).ToList() ?? [];
                var merged = own.Concat(shared.Where(s => !own.Any(o => SameParameter(o, s)))).ToList();
                operations.Add(new SpecOperation(method.ToUpperInvariant(), path,
                    op["operationId"]?.GetValue<string>() ?? $"{method} {path}", merged, op["responses"]!.AsObject()));
            }
        }

        Operations = operations;
    }

    public JsonObject Root { get; }

    public string BasePath { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>The name of the embedded contract: the facts of Harbor's swagger.yaml (Spec/harbor-contract.json).</summary>
    public const string ContractResource = "harbor-contract.json";

    /// <summary>Loads Harbor's API contract embedded in this assembly (its "contract" section is a Swagger 2.0 document).</summary>
    public static SwaggerSpec LoadHarbor() => new(LoadContractFile()["contract"]!.AsObject());

    /// <summary>The committed contract file as embedded: source (upstream version and commit) and contract.</summary>
    public static JsonObject LoadContractFile()
    {
        using var stream = typeof(SwaggerSpec).Assembly.GetManifestResourceStream(ContractResource)
            ?? throw new InvalidOperationException($"The embedded resource {ContractResource} is missing from {typeof(SwaggerSpec).Assembly.GetName().Name}.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    public SpecOperation Operation(string operationId) =>
        Operations.Single(o => o.OperationId == operationId);

    /// <summary>Follows <c>$ref: '#/a/b'</c> (repeatedly) to the referenced object.</summary>
    public JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        for (var depth = 0; current["$ref"] is JsonNode reference; depth++)
        {
            if (depth > 32)
                throw new InvalidDataException("$ref chain too deep.");
            var pointer = reference.GetValue<string>();
            if (!pointer.StartsWith("#/", StringComparison.Ordinal))
                throw new InvalidDataException($"Only local $ref are supported, got '{pointer}'.");
            JsonNode? target = Root;
            foreach (var part in pointer[2..].Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            current = target?.AsObject() ?? throw new InvalidDataException($"$ref '{pointer}' points nowhere.");
        }

        return current;
    }

    private static bool SameParameter(JsonObject a, JsonObject b) =>
        a["name"]?.GetValue<string>() == b["name"]?.GetValue<string>() && a["in"]?.GetValue<string>() == b["in"]?.GetValue<string>();
}

using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Spec;

/// <summary>One operation of the spec: method, path template and its (resolved) parameters.</summary>
internal sealed record SpecOperation(string Method, string PathTemplate, string OperationId,
    IReadOnlyList<JsonObject> Parameters, JsonObject Responses)
{
    public string[] Segments { get; } = PathTemplate.Trim('/').Split('/');

    public int LiteralSegments => Segments.Count(s => !s.StartsWith('{'));
}

/// <summary>A Swagger 2.0 document loaded from YAML, with $ref resolution and operation lookup.</summary>
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

    /// <summary>Loads the spec copied next to the test assembly; fails loudly when it is missing.</summary>
    public static SwaggerSpec LoadHarbor()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "swagger.yaml");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Harbor's swagger.yaml was not found at {path}. It is linked from <clone>/../shared/harbor/swagger.yaml " +
                "by the test project; make sure the shared folder sits beside the clone.", path);
        return new SwaggerSpec(YamlToJson.Load(path)!.AsObject());
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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Spec;

/// <summary>
/// Checks a request against the spec: the method and path match an operation (path templates under
/// basePath), required path/query/header parameters are present with the right type, no query
/// parameter the operation does not declare, X-Request-Id is sent, and the body matches its schema.
/// </summary>
internal sealed class RequestValidator(SwaggerSpec spec, SchemaValidator schemas)
{
    public SpecMatch Validate(SpecRequest request)
    {
        var violations = new List<string>();
        var (operation, pathParameters) = Match(request);
        if (operation is null)
        {
            violations.Add($"{request.Method} {request.RawPath}: no operation in the spec matches this method and path");
            return new SpecMatch(null, pathParameters, violations);
        }

        var where = $"{operation.OperationId} ({request.Method} {operation.PathTemplate})";
        if (!request.Headers.TryGetValue("X-Request-Id", out var requestId) || requestId.Length == 0)
            violations.Add($"{where}: header X-Request-Id is missing");

        var declaredQuery = new HashSet<string>(StringComparer.Ordinal);
        JsonObject? body = null;
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            var required = parameter["required"]?.GetValue<bool>() == true;
            string? value = null;
            switch (parameter["in"]!.GetValue<string>())
            {
                case "path": value = pathParameters.GetValueOrDefault(name); break;
                case "query": declaredQuery.Add(name); value = request.Query.GetValueOrDefault(name); break;
                case "header": value = request.Headers.GetValueOrDefault(name); break;
                case "body": body = parameter; continue;
                default: continue;
            }

            if (value is null)
            {
                if (required)
                    violations.Add($"{where}: required {parameter["in"]} parameter '{name}' is missing");
                continue;
            }

            CheckSimple(parameter, name, value, where, violations);
        }

        foreach (var name in request.Query.Keys.Where(k => !declaredQuery.Contains(k)))
            violations.Add($"{where}: query parameter '{name}' is not declared by the operation");
        CheckBody(request, body, where, violations);
        return new SpecMatch(operation, pathParameters, violations);
    }

    private (SpecOperation?, Dictionary<string, string>) Match(SpecRequest request)
    {
        var path = request.RawPath;
        if (!path.StartsWith(spec.BasePath + "/", StringComparison.Ordinal))
            return (null, []);
        var segments = path[spec.BasePath.Length..].Trim('/').Split('/');
        var candidates = spec.Operations
            .Where(o => o.Method == request.Method && o.Segments.Length == segments.Length)
            .OrderByDescending(o => o.LiteralSegments);
        foreach (var operation in candidates)
        {
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var matched = true;
            for (var i = 0; i < segments.Length && matched; i++)
            {
                var template = operation.Segments[i];
                if (template.StartsWith('{') && template.EndsWith('}'))
                {
                    matched = segments[i].Length > 0;
                    parameters[template[1..^1]] = Uri.UnescapeDataString(segments[i]);
                }
                else
                {
                    matched = string.Equals(template, segments[i], StringComparison.Ordinal);
                }
            }

            if (matched)
                return (operation, parameters);
        }

        return (null, []);
    }

    private static void CheckSimple(JsonObject parameter, string name, string value, string where, List<string> violations)
    {
        var ok = parameter["type"]?.GetValue<string>() switch
        {
            "integer" => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            "boolean" => value is "true" or "false",
            "string" => parameter["minLength"] is not JsonNode min || value.Length >= min.GetValue<long>(),
            _ => true,
        };
        if (!ok)
            violations.Add($"{where}: {parameter["in"]} parameter '{name}' has invalid value '{value}' for type {parameter["type"]}");
        if (parameter["maximum"] is JsonNode max && long.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > max.GetValue<long>())
            violations.Add($"{where}: {parameter["in"]} parameter '{name}' = {n} is above the maximum {max.GetValue<long>()}");
    }

    private void CheckBody(SpecRequest request, JsonObject? bodyParameter, string where, List<string> violations)
    {
        var hasBody = !string.IsNullOrEmpty(request.Body);
        if (bodyParameter is null)
        {
            if (hasBody)
                violations.Add($"{where}: the operation takes no body, but one was sent");
            return;
        }

        if (!hasBody)
        {
            if (bodyParameter["required"]?.GetValue<bool>() == true)
                violations.Add($"{where}: the required body '{bodyParameter["name"]}' is missing");
            return;
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            violations.Add($"{where}: body Content-Type is '{request.ContentType}', expected application/json");
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(request.Body!);
        }
        catch (JsonException ex)
        {
            violations.Add($"{where}: the body is not JSON: {ex.Message}");
            return;
        }

        violations.AddRange(schemas.Validate(json, bodyParameter["schema"]!, $"{where} body"));
    }
}

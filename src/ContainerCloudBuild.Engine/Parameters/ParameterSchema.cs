using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Engine.Parameters;

/// <summary>
/// Writes <c>.nuke/build.schema.json</c>: a JSON schema of the parameters files, so IDEs complete
/// parameter names, enum values and target names. Rewritten only when its content changes.
/// </summary>
public static class ParameterSchema
{
    public static string Create(IReadOnlyList<ParameterDescriptor> parameters, IEnumerable<string> targetNames)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // Sorted: reflection's member order may differ between compilations, and the committed file must not churn.
        var targets = new JsonArray(targetNames.Order(StringComparer.Ordinal).Select(n => (JsonNode)n).ToArray());
        var properties = new JsonObject
        {
            ["$schema"] = new JsonObject { ["type"] = "string" },
            ["Skip"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targets.DeepClone() } },
            ["Target"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["enum"] = targets.DeepClone() } },
        };
        foreach (var p in parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var schema = TypeSchema(p.Type);
            if (p.Description is not null) schema["description"] = p.Description;
            properties[p.Name] = schema;
        }

        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-04/schema#",
            ["title"] = "Build parameters",
            ["type"] = "object",
            ["properties"] = properties,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static void WriteIfChanged(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path) && File.ReadAllText(path) == content) return;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    private static JsonObject TypeSchema(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) return new JsonObject { ["type"] = "array", ["items"] = TypeSchema(t.GetElementType()!) };
        if (t.IsEnum) return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(Enum.GetNames(t).Select(n => (JsonNode)n).ToArray()) };
        var name = t == typeof(bool) ? "boolean"
            : t == typeof(int) || t == typeof(long) ? "integer"
            : t == typeof(double) || t == typeof(decimal) ? "number"
            : "string";
        return new JsonObject { ["type"] = name };
    }
}

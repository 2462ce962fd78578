using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Spec;

/// <summary>
/// Validates JSON against the Swagger 2.0 schema subset Harbor's spec uses: $ref, type,
/// properties, required, additionalProperties, items, enum, format (int32/int64/date-time),
/// x-nullable. With <see cref="Strict"/> an object schema that lists properties and says nothing
/// about additionalProperties rejects unknown properties too (catches misspelled field names).
/// </summary>
internal sealed class SchemaValidator(SwaggerSpec spec, bool strict = true)
{
    public bool Strict { get; } = strict;

    public List<string> Validate(JsonNode? value, JsonNode schema, string location)
    {
        var errors = new List<string>();
        Check(value, spec.Resolve(schema), location, errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonObject schema, string at, List<string> errors)
    {
        if (value is null)
        {
            if (schema["x-nullable"]?.GetValue<bool>() != true)
                errors.Add($"{at}: null is not allowed");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
            errors.Add($"{at}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");

        var type = schema["type"]?.GetValue<string>() ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case "object": CheckObject(value, schema, at, errors); break;
            case "array": CheckArray(value, schema, at, errors); break;
            case "string": CheckString(value, schema, at, errors); break;
            case "integer": CheckInteger(value, schema, at, errors); break;
            case "number":
                if (value.GetValueKind() != JsonValueKind.Number)
                    errors.Add($"{at}: expected a number, got {Kind(value)}");
                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    errors.Add($"{at}: expected a boolean, got {Kind(value)}");
                break;
            case null: break;
            default: errors.Add($"{at}: the schema uses unsupported type '{type}'"); break;
        }
    }

    private void CheckObject(JsonNode value, JsonObject schema, string at, List<string> errors)
    {
        if (value is not JsonObject obj)
        {
            errors.Add($"{at}: expected an object, got {Kind(value)}");
            return;
        }

        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
        {
            var name = required!.GetValue<string>();
            if (!obj.ContainsKey(name))
                errors.Add($"{at}: required property '{name}' is missing");
        }

        var additional = schema["additionalProperties"];
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonNode propertySchema)
                Check(child, spec.Resolve(propertySchema), $"{at}.{name}", errors);
            else if (additional is JsonObject additionalSchema)
                Check(child, spec.Resolve(additionalSchema), $"{at}.{name}", errors);
            else if (additional is JsonValue flag ? !flag.GetValue<bool>() : Strict && properties is not null)
                errors.Add($"{at}: unknown property '{name}' (not in the schema)");
        }
    }

    private void CheckArray(JsonNode value, JsonObject schema, string at, List<string> errors)
    {
        if (value is not JsonArray array)
        {
            errors.Add($"{at}: expected an array, got {Kind(value)}");
            return;
        }

        if (schema["items"] is not JsonNode items)
            return;
        var itemSchema = spec.Resolve(items);
        for (var i = 0; i < array.Count; i++)
            Check(array[i], itemSchema, $"{at}[{i}]", errors);
    }

    private static void CheckString(JsonNode value, JsonObject schema, string at, List<string> errors)
    {
        if (value.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"{at}: expected a string, got {Kind(value)}");
            return;
        }

        var text = value.GetValue<string>();
        if (schema["format"]?.GetValue<string>() == "date-time"
            && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
            errors.Add($"{at}: '{text}' is not a date-time");
        if (schema["maxLength"] is JsonNode max && text.Length > max.GetValue<long>())
            errors.Add($"{at}: longer than {max.GetValue<long>()} characters");
        if (schema["minLength"] is JsonNode min && text.Length < min.GetValue<long>())
            errors.Add($"{at}: shorter than {min.GetValue<long>()} characters");
    }

    private static void CheckInteger(JsonNode value, JsonObject schema, string at, List<string> errors)
    {
        if (value.GetValueKind() != JsonValueKind.Number
            || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            errors.Add($"{at}: expected an integer, got {value.ToJsonString()}");
            return;
        }

        if (schema["format"]?.GetValue<string>() == "int32" && number is < int.MinValue or > int.MaxValue)
            errors.Add($"{at}: {number} does not fit int32");
        if (schema["maximum"] is JsonNode max && number > max.GetValue<long>())
            errors.Add($"{at}: {number} is above the maximum {max.GetValue<long>()}");
    }

    private static string Kind(JsonNode value) => value.GetValueKind().ToString().ToLowerInvariant();
}

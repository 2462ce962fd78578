using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerCloudBuild.Harbor.Api;

internal static class HarborJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserialises a response body; a body that is not the expected JSON is an error naming the operation.</summary>
    public static T Deserialize<T>(string? content, HarborCall call)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(content ?? "", Options)
                ?? throw new JsonException("the body is empty or null");
        }
        catch (JsonException ex)
        {
            throw new HarborApiException(
                $"Harbor answered '{call.Operation}' ({call.Description}) with a body that is not the expected JSON: {ex.Message}",
                call.Operation, null, null, null, "", ex);
        }
    }

    /// <summary>Harbor's <c>{"errors":[{"code","message"}]}</c>, or null when the body is something else.</summary>
    public static ErrorDto? TryReadError(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
            return null;
        try
        {
            var errors = JsonSerializer.Deserialize<ErrorsDto>(content, Options)?.Errors;
            if (errors is not { Count: > 0 })
                return null;
            var message = string.Join("; ", errors.Select(e => e.Message).Where(m => !string.IsNullOrEmpty(m)));
            return new ErrorDto(errors[0].Code, message);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

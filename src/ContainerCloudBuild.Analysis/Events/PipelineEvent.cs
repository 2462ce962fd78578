using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// A structured pipeline or rollout event, e.g. type "rollout.analysis.measurement" with fields app,
/// revision, metric, value. This is what hooks receive and sinks ship.
/// </summary>
public sealed record PipelineEvent(
    [property: JsonPropertyName("time")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("fields")] IReadOnlyDictionary<string, string> Fields)
{
    [JsonPropertyName("level")]
    public string Level { get; init; } = "info";

    public static PipelineEvent Create(TimeProvider time, string type, string message, params (string Key, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(time.GetUtcNow(), type, message, fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));
    }

    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Options);
}

/// <summary>Serializer options shared by hooks and sinks.</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}

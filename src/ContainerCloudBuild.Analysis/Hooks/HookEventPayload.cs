using System.Text.Json;
using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Analysis.Hooks;

/// <summary>The JSON a hook receives: the event plus the hook point, e.g. <c>{"hook":"PrePromotion","event":{...}}</c>.</summary>
public static class HookEventPayload
{
    public static string ToJson(HookPoint point, PipelineEvent e) =>
        JsonSerializer.Serialize(new { hook = point.ToString(), @event = e }, EventJson.Options);

    /// <summary>Reads <c>approved</c> from a hook's JSON answer; null when absent or not JSON.</summary>
    public static bool? ReadApproval(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("approved", out var a)
                && a.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? a.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

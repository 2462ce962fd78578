using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>Serializer options for request parameters and readers for Zabbix's answers (ids and numbers come as strings).</summary>
public static class ZabbixJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Text(JsonNode? node, string name) => node?[name]?.ToString() ?? "";

    public static long Long(JsonNode? node, string name) =>
        long.TryParse(Text(node, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static IEnumerable<JsonNode> Items(JsonNode? array) =>
        array is JsonArray a ? a.Where(n => n is not null).Select(n => n!) : [];

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}

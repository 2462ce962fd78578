using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>
/// Strict field validation against KubernetesClient's typed models (and the fake's CustomResources schemas): the body must deserialize into the
/// model, and every field must be one the model declares.
/// </summary>
public sealed class FieldValidator
{
    private readonly ConcurrentDictionary<Type, Dictionary<string, Type>> propertiesByType = new();
    private static readonly MethodInfo Deserialize = typeof(KubernetesJson).GetMethods()
        .First(m => m.Name == nameof(KubernetesJson.Deserialize) && m.IsGenericMethodDefinition && m.GetParameters() is [{ ParameterType: var p }, ..] && p == typeof(string));

    /// <summary>Unknown fields as the real server names them ("spec.replica"), empty when the body fits the model.</summary>
    public IReadOnlyList<string> UnknownFields(Type model, JsonObject body)
    {
        var unknown = new List<string>();
        Walk(model, body, "", unknown);
        return unknown;
    }

    /// <summary>Null when the body deserializes into the model, else the deserializer's complaint.</summary>
    public static string? TypeError(Type model, JsonObject body)
    {
        try
        {
            var args = Deserialize.GetParameters().Length == 1 ? new object?[] { body.ToJsonString() } : new object?[] { body.ToJsonString(), null };
            Deserialize.MakeGenericMethod(model).Invoke(null, args);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is JsonException or FormatException or InvalidOperationException)
        {
            return e.InnerException!.Message;
        }
    }

    private void Walk(Type type, JsonNode? node, string path, List<string> unknown)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (node is JsonObject obj && IsModel(type))
        {
            var props = PropertiesOf(type);
            foreach (var (key, value) in obj)
            {
                var child = path.Length == 0 ? key : $"{path}.{key}";
                if (!props.TryGetValue(key, out var propType)) unknown.Add(child);
                else Walk(propType, value, child, unknown);
            }
        }
        else if (node is JsonArray array && ElementOf(type, typeof(IList<>)) is { } item)
        {
            for (var i = 0; i < array.Count; i++) Walk(item, array[i], $"{path}[{i}]", unknown);
        }
        else if (node is JsonObject map && ElementOf(type, typeof(IDictionary<,>)) is { } valueType)
        {
            foreach (var (key, value) in map) Walk(valueType, value, $"{path}.{key}", unknown);
        }
    }

    private static bool IsModel(Type type) =>
        (type.Namespace == "k8s.Models" || type.Namespace == typeof(CustomResources.HttpRoute).Namespace) && type.IsClass && type.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null);

    private static Type? ElementOf(Type type, Type generic)
    {
        var match = type.IsGenericType && type.GetGenericTypeDefinition() == generic
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);
        return match?.GetGenericArguments()[^1];
    }

    private Dictionary<string, Type> PropertiesOf(Type type) =>
        propertiesByType.GetOrAdd(type, t => t.GetProperties()
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, p.PropertyType))
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => p.PropertyType));
}

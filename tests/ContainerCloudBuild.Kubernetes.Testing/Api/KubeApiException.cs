using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>A failure the fake answers with a Status object, as the real API server does.</summary>
public sealed class KubeApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => StatusObjects.Failure(Code, Reason, Message, Details?.Clone());

    public static KubeApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", DetailsFor(type, name));

    public static KubeApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", DetailsFor(type, name));

    public static KubeApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            DetailsFor(type, name));

    public static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeApiException Invalid(ResourceType type, string name, string message, JsonArray? causes = null)
    {
        var details = DetailsFor(type, name);
        if (causes is not null) details["causes"] = causes;
        return new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", details);
    }

    public static KubeApiException Expired(string message) => new(410, "Expired", message);

    public static JsonObject DetailsFor(ResourceType type, string name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };
}

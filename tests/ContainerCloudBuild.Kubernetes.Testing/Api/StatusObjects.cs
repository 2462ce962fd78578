using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>meta/v1 Status bodies.</summary>
public static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null) status["details"] = details;
        return status;
    }

    public static JsonObject Success(JsonObject details) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = details,
    };
}

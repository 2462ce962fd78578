using System.Net;
using System.Text.Json.Nodes;

namespace ContainerCloudBuild.Harbor.Testing.Server;

/// <summary>What the fake Harbor answers: status, a JSON or text body, extra headers.</summary>
internal sealed record Reply(HttpStatusCode Status, JsonNode? Json = null, string? Text = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public static Reply Error(HttpStatusCode status, string code, string message) =>
        new(status, new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
        });
}

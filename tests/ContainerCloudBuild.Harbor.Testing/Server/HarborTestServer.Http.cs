using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Harbor.Testing.Spec;

namespace ContainerCloudBuild.Harbor.Testing.Server;

internal sealed partial class HarborTestServer
{
    /// <summary>The user or robot name of valid Basic credentials, or null.</summary>
    private string? Authenticate(SpecRequest request)
    {
        if (!request.Headers.TryGetValue("Authorization", out var header) || !header.StartsWith("Basic ", StringComparison.Ordinal))
            return null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return null;
        var (user, password) = (decoded[..colon], decoded[(colon + 1)..]);
        lock (Model.Gate)
        {
            var valid = (Model.Users.TryGetValue(user, out var expected) && expected == password)
                || Model.Robots.Any(r => r.Name == user && r.Secret == password);
            return valid ? user : null;
        }
    }

    /// <summary>The model's answers must be ones the spec declares, with bodies matching the schemas.</summary>
    private void CheckResponse(SpecOperation operation, Reply reply)
    {
        var code = ((int)reply.Status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses[code] is not JsonNode declared)
        {
            Violations.Enqueue($"test server: {operation.OperationId} answered {code}, which the spec does not declare");
            return;
        }

        var response = Spec.Resolve(declared);
        if (response["schema"] is JsonNode schema && reply.Json is not null)
        {
            foreach (var error in _schemas.Validate(JsonNode.Parse(reply.Json.ToJsonString()), schema, $"test server {operation.OperationId} {code} response"))
                Violations.Enqueue(error);
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, SpecRequest request, Reply reply)
    {
        try
        {
            response.StatusCode = (int)reply.Status;
            if (request.Headers.TryGetValue("X-Request-Id", out var requestId))
                response.Headers["X-Request-Id"] = requestId;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
                response.Headers[name] = value;
            byte[] bytes = [];
            if (reply.Json is not null)
            {
                response.ContentType = "application/json";
                bytes = Encoding.UTF8.GetBytes(reply.Json.ToJsonString());
            }
            else if (reply.Text is not null)
            {
                response.ContentType = "text/plain";
                bytes = Encoding.UTF8.GetBytes(reply.Text);
            }

            if (request.Method == "HEAD")
                bytes = [];
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
            // the client went away; nothing to answer
        }
        finally
        {
            response.Close();
        }
    }
}

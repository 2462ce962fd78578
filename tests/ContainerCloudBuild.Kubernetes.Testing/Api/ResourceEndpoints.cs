using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;
using ContainerCloudBuild.Kubernetes.Testing.Watch;
using Microsoft.AspNetCore.Http;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>Turns HTTP requests into store reads and writes and answers with objects, lists or Status.</summary>
public sealed class ResourceEndpoints(KubeObjectStore store, ResourceWrites writes, Discovery discovery, WatchStreamer watches, PodLogs logs)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (context.Request.Method == "GET" && discovery.Answer(path) is { } document)
            {
                await WriteJsonAsync(context, 200, document, cancellationToken);
                return;
            }
            var target = RequestTarget.Parse(store.Catalog, path)
                ?? throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
            await DispatchAsync(context, target, cancellationToken);
        }
        catch (KubeApiException e)
        {
            if (!context.Response.HasStarted) await WriteJsonAsync(context, e.Code, e.ToStatus(), cancellationToken);
        }
        catch (System.Text.Json.JsonException e)
        {
            if (!context.Response.HasStarted) await WriteJsonAsync(context, 400, KubeApiException.BadRequest($"the body is not valid JSON: {e.Message}").ToStatus(), cancellationToken);
        }
    }

    private async Task DispatchAsync(HttpContext context, RequestTarget target, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var options = WriteOptions.From(request);
        switch (request.Method)
        {
            case "GET" when target.Subresource == "log":
                await PodLogStream.ServeAsync(context, store, logs, target, cancellationToken);
                return;
            case "GET" when request.Query["watch"] is var w && (w == "1" || w == "true"):
                await watches.StreamAsync(context, target, cancellationToken);
                return;
            case "GET" when target.Name is null:
                await WriteJsonAsync(context, 200, List(target, request), cancellationToken);
                return;
            case "GET":
                await WriteJsonAsync(context, 200, store.Get(target.Type, target.Namespace, target.Name)
                    ?? throw KubeApiException.NotFound(target.Type, target.Name), cancellationToken);
                return;
            case "POST" when target.Name is null:
                await WriteResultAsync(context, writes.Create(target, await BodyAsync(request, cancellationToken), options), cancellationToken);
                return;
            case "PUT" when target.Name is not null:
                await WriteResultAsync(context, writes.Replace(target, await BodyAsync(request, cancellationToken), options), cancellationToken);
                return;
            case "PATCH" when target.Name is not null:
                var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(cancellationToken);
                await WriteResultAsync(context, writes.Patch(target, request.ContentType ?? "", text, options), cancellationToken);
                return;
            case "DELETE" when target.Name is not null:
                await WriteJsonAsync(context, 200, writes.Delete(target, options), cancellationToken);
                return;
            default:
                throw new KubeApiException(405, "MethodNotAllowed", $"the server does not allow {request.Method} on this resource");
        }
    }

    private JsonObject List(RequestTarget target, HttpRequest request)
    {
        var labels = LabelSelector.Parse(request.Query["labelSelector"]);
        var fieldSelector = FieldSelector.Parse(request.Query["fieldSelector"]);
        var resourceVersion = store.CurrentResourceVersion;
        var items = new JsonArray();
        foreach (var item in store.List(target.Type, target.Namespace).Where(o => labels.Matches(o.Labels()) && fieldSelector.Matches(o)))
            items.Add(item);
        return new JsonObject
        {
            ["kind"] = target.Type.Kind + "List",
            ["apiVersion"] = target.Type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
    }

    private static async Task<JsonObject> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var text = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(cancellationToken);
        return (request.ContentType?.Contains("yaml", StringComparison.Ordinal) == true ? YamlToJson.Parse(text) : JsonNode.Parse(text)) as JsonObject
            ?? throw KubeApiException.BadRequest("the body must be an object");
    }

    private static Task WriteResultAsync(HttpContext context, ResourceWrites.Result result, CancellationToken cancellationToken)
    {
        foreach (var warning in result.Warnings) context.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        return WriteJsonAsync(context, result.Created ? 201 : 200, result.Object, cancellationToken);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(KubeObjectJson.Wire), cancellationToken);
    }
}

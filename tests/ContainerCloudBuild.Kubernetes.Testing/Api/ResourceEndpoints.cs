using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Testing.Store;
using ContainerCloudBuild.Kubernetes.Testing.Watch;
using Microsoft.AspNetCore.Http;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>Turns HTTP requests into store reads and writes and answers with objects, lists or Status.</summary>
public sealed class ResourceEndpoints(KubeObjectStore store, ResourceWrites writes, Discovery discovery, OpenApiDocuments openApi, WatchStreamer watches, PodLogs logs, TableConverter tables, ScaleSubresource scales)
{
    /// <summary>Answers one request; <paramref name="cancellationToken"/> ends long-running answers (watches, log follows).</summary>
    public async Task HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            var path = context.Request.Path.Value ?? "/";
            if (context.Request.Method == "GET" && (discovery.Answer(path) ?? openApi.Answer(path)) is { } document)
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
        if (target.Subresource is not (null or "status" or "log") && !ScaleSubresource.Serves(target))
            throw new KubeApiException(404, "NotFound", "the server could not find the requested resource");
        switch (request.Method)
        {
            case "GET" when ScaleSubresource.Serves(target):
                await WriteJsonAsync(context, 200, scales.Get(target), cancellationToken);
                return;
            case "PUT" or "PATCH" when ScaleSubresource.Serves(target):
                var scaleBody = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(cancellationToken);
                await WriteJsonAsync(context, 200, scales.Write(target, request.Method, request.ContentType ?? "", scaleBody, options), cancellationToken);
                return;
            case "GET" when target.Subresource == "log":
                await PodLogStream.ServeAsync(context, store, logs, target, cancellationToken);
                return;
            case "GET" when request.Query["watch"] is var w && (w == "1" || w == "true"):
                await watches.StreamAsync(context, target, cancellationToken);
                return;
            case "GET" when target.Name is null:
                var list = List(target, request);
                await WriteJsonAsync(context, 200, TableConverter.Wanted(request.Headers.Accept)
                    ? tables.Convert(target.Type, ((JsonArray)list["items"]!).OfType<JsonObject>().ToList(), list["metadata"]!.Str("resourceVersion")!)
                    : list, cancellationToken);
                return;
            case "GET":
                var found = store.Get(target.Type, target.Namespace, target.Name) ?? throw KubeApiException.NotFound(target.Type, target.Name);
                await WriteJsonAsync(context, 200, TableConverter.Wanted(request.Headers.Accept)
                    ? tables.Convert(target.Type, [found], found.ResourceVersion() ?? "")
                    : found, cancellationToken);
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
            case "DELETE" when target.Name is null:
                foreach (var item in ((JsonArray)List(target, request)["items"]!).OfType<JsonObject>())
                    writes.Delete(target with { Namespace = item.Namespace(), Name = item.Name() }, options);
                await WriteJsonAsync(context, 200, StatusObjects.Success(new JsonObject { ["group"] = target.Type.Group, ["kind"] = target.Type.Plural }), cancellationToken);
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

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ContainerCloudBuild.Kubernetes.Testing.Api;
using ContainerCloudBuild.Kubernetes.Testing.Store;
using Microsoft.AspNetCore.Http;

namespace ContainerCloudBuild.Kubernetes.Testing.Watch;

/// <summary>
/// Serves ?watch=1: the changes after resourceVersion (or the current objects as ADDED) then live changes,
/// one JSON event per line; BOOKMARK events when asked; an ERROR event with 410 Expired for a compacted resourceVersion.
/// </summary>
public sealed class WatchStreamer(KubeObjectStore store, TimeSpan bookmarkInterval)
{
    public async Task StreamAsync(HttpContext context, RequestTarget target, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fieldSelector = FieldSelector.Parse(query["fieldSelector"]);
        var bookmarks = query["allowWatchBookmarks"].ToString() == "true";
        var timeout = int.TryParse(query["timeoutSeconds"], out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(30);
        var rvText = query["resourceVersion"].ToString();
        long? from = rvText is "" or "0" ? null : long.Parse(rvText, CultureInfo.InvariantCulture);

        bool Wanted(StoredChange c) =>
            c.Resource == target.Type
            && (target.Namespace is null || c.Object.Namespace() == target.Namespace)
            && (target.Name is null || c.Object.Name() == target.Name)
            && labels.Matches(c.Object.Labels()) && fieldSelector.Matches(c.Object);

        var channel = Channel.CreateUnbounded<StoredChange>();
        void Listener(StoredChange c) => channel.Writer.TryWrite(c);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        IReadOnlyList<StoredChange> initial;
        try
        {
            initial = store.Subscribe(target.Type, from, Listener);
        }
        catch (KubeApiException e)
        {
            await WriteAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = e.ToStatus() }, cancellationToken);
            return;
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await context.Response.StartAsync(cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            foreach (var change in initial.Where(Wanted)) await WriteAsync(context, Event(change), cancellationToken);
            while (!timeoutSource.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token);
                tick.CancelAfter(bookmarkInterval);
                try
                {
                    var change = await channel.Reader.ReadAsync(tick.Token);
                    if (Wanted(change)) await WriteAsync(context, Event(change), cancellationToken);
                }
                catch (OperationCanceledException) when (!timeoutSource.IsCancellationRequested)
                {
                    if (bookmarks) await WriteAsync(context, Bookmark(target.Type), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away or the watch timed out: both end the stream
        }
        finally
        {
            store.Unsubscribe(Listener);
        }
    }

    private static JsonObject Event(StoredChange change) => new() { ["type"] = change.WatchType, ["object"] = change.Object.Clone() };

    private JsonObject Bookmark(ResourceType type) => new()
    {
        ["type"] = "BOOKMARK",
        ["object"] = new JsonObject
        {
            ["kind"] = type.Kind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
        },
    };

    private static async Task WriteAsync(HttpContext context, JsonObject evt, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(evt.ToJsonString(KubeObjectJson.Wire) + "\n"), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}

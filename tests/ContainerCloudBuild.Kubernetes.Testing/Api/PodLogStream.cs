using System.Globalization;
using ContainerCloudBuild.Kubernetes.Testing.Store;
using Microsoft.AspNetCore.Http;

namespace ContainerCloudBuild.Kubernetes.Testing.Api;

/// <summary>The pods/{name}/log subresource: plain text lines, tailLines, follow until the pod goes away.</summary>
public static class PodLogStream
{
    public static async Task ServeAsync(HttpContext context, KubeObjectStore store, PodLogs logs, RequestTarget target, CancellationToken cancellationToken)
    {
        var ns = target.Namespace ?? "";
        var name = target.Name ?? "";
        if (store.Get(target.Type, ns, name) is null) throw KubeApiException.NotFound(target.Type, name);
        var query = context.Request.Query;
        var lines = logs.Read(ns, name);
        if (int.TryParse(query["tailLines"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var tail) && tail < lines.Count)
            lines = lines.Skip(lines.Count - tail).ToList();
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        foreach (var line in lines) await context.Response.WriteAsync(line + "\n", cancellationToken);
        if (query["follow"].ToString() != "true") return;
        await context.Response.Body.FlushAsync(cancellationToken);
        var sent = logs.Read(ns, name).Count;
        try
        {
            while (store.Get(target.Type, ns, name) is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                var all = logs.Read(ns, name);
                for (; sent < all.Count; sent++) await context.Response.WriteAsync(all[sent] + "\n", cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // the client stopped following
        }
    }
}

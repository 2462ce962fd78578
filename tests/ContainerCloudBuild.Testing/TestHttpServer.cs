using System.Net;
using System.Text;

namespace ContainerCloudBuild.Testing;

/// <summary>A request the test server received.</summary>
public sealed record ReceivedRequest(string Method, string Path, string ContentType, string Body);

/// <summary>
/// An in-process HTTP server on 127.0.0.1 (HttpListener) that records every request and answers with
/// <see cref="Respond"/> (status, body); default 200 "{}".
/// </summary>
public sealed class TestHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<ReceivedRequest> received = [];
    private readonly Task loop;

    public TestHttpServer()
    {
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(BaseAddress.ToString());
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public Func<ReceivedRequest, int, (int Status, string Body)> Respond { get; set; } = (_, _) => (200, "{}");

    /// <summary>Delay before answering (to test timeouts).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get { lock (received) return [.. received]; }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType ?? "", body);
            int index;
            lock (received)
            {
                received.Add(request);
                index = received.Count - 1;
            }
            if (Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            var (status, text) = Respond(request, index);
            var bytes = Encoding.UTF8.GetBytes(text);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // client went away (timeout tests)
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        try { loop.Wait(TimeSpan.FromSeconds(2)); }
        catch (AggregateException) { }
    }
}

using System.Collections.Concurrent;
using System.Net;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>Records every exchange the client makes (method, URI, status); can rewrite requests first.</summary>
public sealed class RecordingHandler(Func<HttpRequestMessage, HttpRequestMessage>? rewrite = null)
    : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<(HttpMethod Method, Uri Uri, HttpStatusCode? Status)> Exchanges { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request = rewrite?.Invoke(request) ?? request;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            Exchanges.Enqueue((request.Method, request.RequestUri!, response.StatusCode));
            return response;
        }
        catch (HttpRequestException)
        {
            Exchanges.Enqueue((request.Method, request.RequestUri!, null));
            throw;
        }
    }

    public IReadOnlyList<(HttpMethod Method, Uri Uri, HttpStatusCode? Status)> Where(HttpMethod method, string pathOrQueryPart) =>
        [.. Exchanges.Where(e => e.Method == method && e.Uri.PathAndQuery.Contains(pathOrQueryPart, StringComparison.Ordinal))];
}

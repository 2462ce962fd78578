using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ContainerCloudBuild.Registry.Tests.Support;

/// <summary>
/// A scripted registry + token service for unit tests: answers 401 Bearer challenges, issues
/// numbered tokens from <c>/token</c> and serves manifest HEADs to bearers of a token.
/// </summary>
public sealed class FakeRegistryHandler : HttpMessageHandler
{
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private int _tokensIssued;

    public ConcurrentQueue<HttpRequestMessage> TokenRequests { get; } = new();
    public int TokensIssued => _tokensIssued;
    public Func<HttpRequestMessage, HttpResponseMessage?>? Override { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Override?.Invoke(request) is { } scripted) return Task.FromResult(scripted);
        var uri = request.RequestUri!;
        if (uri.AbsolutePath == "/token")
        {
            TokenRequests.Enqueue(request);
            var number = Interlocked.Increment(ref _tokensIssued);
            return Task.FromResult(Json(HttpStatusCode.OK, $"{{\"token\":\"tok-{number}\",\"expires_in\":300}}"));
        }
        var authorization = request.Headers.Authorization;
        if (authorization is not { Scheme: "Bearer" } || !authorization.Parameter!.StartsWith("tok-", StringComparison.Ordinal))
        {
            var response = Json(HttpStatusCode.Unauthorized, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
            response.Headers.TryAddWithoutValidation("WWW-Authenticate",
                "Bearer realm=\"http://auth.test/token\",service=\"fake-registry\",scope=\"repository:x:pull\"");
            return Task.FromResult(response);
        }
        var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]), RequestMessage = request };
        ok.Headers.TryAddWithoutValidation("Docker-Content-Digest", Digest);
        return Task.FromResult(ok);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}

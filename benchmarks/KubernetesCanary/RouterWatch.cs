using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace KubernetesCanary;

/// <summary>
/// A watch (one streaming request) on the router object's kind in a namespace: reports when a backend whose Service name starts
/// with the candidate's prefix first shows the wanted weight (nginx: the <c>-canary</c> Ingress's canary-weight; gateway: the
/// HTTPRoute's backendRef weight; openshift: the Route's to/alternateBackends weight).
/// </summary>
internal sealed class RouterWatch : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<TimeSpan> seen;

    private RouterWatch(HttpClient http, string path, string candidatePrefix, int weight, Stopwatch clock)
    {
        this.http = http;
        seen = ReadAsync(path, candidatePrefix, weight, clock, stop.Token);
    }

    /// <summary>Starts watching; <paramref name="clock"/> is read when the weight shows.</summary>
    public static RouterWatch Start(Uri server, string router, string ns, string candidatePrefix, int weight, Stopwatch clock)
    {
        var path = router switch
        {
            "nginx" => $"/apis/networking.k8s.io/v1/namespaces/{ns}/ingresses",
            "gateway" => $"/apis/gateway.networking.k8s.io/v1/namespaces/{ns}/httproutes",
            "openshift" => $"/apis/route.openshift.io/v1/namespaces/{ns}/routes",
            _ => throw new ArgumentOutOfRangeException(nameof(router), router, "a router with an object: nginx, gateway or openshift"),
        };
        return new RouterWatch(new HttpClient { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan }, path + "?watch=1", candidatePrefix, weight, clock);
    }

    public static bool IsWatchOfRouterKind(ContainerCloudBuild.Kubernetes.Testing.Api.RecordedRequest request) =>
        request.Query.Contains("watch=1", StringComparison.Ordinal)
        && (request.Path.EndsWith("/ingresses", StringComparison.Ordinal) || request.Path.EndsWith("/httproutes", StringComparison.Ordinal) || request.Path.EndsWith("/routes", StringComparison.Ordinal));

    /// <summary>The clock's reading when the weight showed.</summary>
    public async Task<TimeSpan> SeenAsync(TimeSpan timeout)
    {
        var finished = await Task.WhenAny(seen, Task.Delay(timeout)).ConfigureAwait(false);
        return finished == seen ? await seen.ConfigureAwait(false) : throw new TimeoutException($"the router object never showed the weight within {timeout.TotalSeconds} s");
    }

    private async Task<TimeSpan> ReadAsync(string path, string prefix, int weight, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (JsonNode.Parse(line)?["object"] is JsonObject obj && WeightOf(obj, prefix) == weight)
                return clock.Elapsed;
        }
        throw new InvalidOperationException($"the watch of {path} ended before the weight showed");
    }

    private static int? WeightOf(JsonObject obj, string prefix)
    {
        List<JsonNode?> backends = obj["kind"]?.GetValue<string>() switch
        {
            "HTTPRoute" => [.. obj["spec"]?["rules"]?[0]?["backendRefs"]?.AsArray() ?? []],
            "Route" => [obj["spec"]?["to"], .. obj["spec"]?["alternateBackends"]?.AsArray() ?? []],
            _ => [],
        };
        if (obj["kind"]?.GetValue<string>() == "Ingress")
        {
            var service = obj["spec"]?["rules"]?[0]?["http"]?["paths"]?[0]?["backend"]?["service"]?["name"]?.GetValue<string>();
            var annotation = obj["metadata"]?["annotations"]?["nginx.ingress.kubernetes.io/canary-weight"]?.GetValue<string>();
            return service?.StartsWith(prefix, StringComparison.Ordinal) == true && annotation is not null
                ? int.Parse(annotation, CultureInfo.InvariantCulture) : null;
        }
        var candidate = backends.FirstOrDefault(b => b?["name"]?.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal) == true);
        return candidate?["weight"]?.GetValue<int>();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await seen.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException or IOException)
        {
            // the watch is closed on purpose
        }
        stop.Dispose();
        http.Dispose();
    }
}

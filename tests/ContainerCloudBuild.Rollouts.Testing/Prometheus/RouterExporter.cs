using System.Globalization;
using System.Text;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>
/// A loopback exporter shaped like a cluster's routers: per namespace, ingress-nginx's <c>nginx_ingress_controller_requests</c>
/// and duration histogram, and the OpenShift router's <c>haproxy_server_http_responses_total</c> and average latency, for a stable
/// revision (always answering some 5xx, so a query that does not select the canary sees errors) and a canary whose answers the
/// test switches between 2xx and 5xx. Every scrape advances the counters by 10 requests.
/// </summary>
public sealed class RouterExporter : IDisposable
{
    public const string Ingress = "web";
    public const string Route = "web";
    public const string StableService = "web-v1";
    public const string CanaryService = "web-v2";

    private readonly TestHttpServer _server = new();
    private readonly Dictionary<string, Counters> _namespaces = new(StringComparer.Ordinal);

    public RouterExporter() => _server.Respond = (_, _) => (200, Scrape());

    public int Port => _server.BaseAddress.Port;

    /// <summary>
    /// Serves (or switches) the namespace's canary to answer 2xx (<paramref name="failing"/> false) or 5xx; ingress-nginx's series
    /// name the Ingress <paramref name="ingress"/> (<see cref="Ingress"/> by default, e.g. the service's name for a deploy).
    /// </summary>
    public void Canary(string @namespace, bool failing, string ingress = Ingress)
    {
        lock (_namespaces)
        {
            if (!_namespaces.TryGetValue(@namespace, out var counters))
                _namespaces[@namespace] = counters = new Counters();
            counters.Failing = failing;
            counters.Ingress = ingress;
        }
    }

    private string Scrape()
    {
        var text = new StringBuilder();
        text.AppendLine("# TYPE nginx_ingress_controller_requests counter");
        text.AppendLine("# TYPE nginx_ingress_controller_request_duration_seconds histogram");
        text.AppendLine("# TYPE haproxy_server_http_responses_total counter");
        text.AppendLine("# TYPE haproxy_server_http_average_response_latency_milliseconds gauge");
        lock (_namespaces)
        {
            foreach (var (ns, c) in _namespaces)
            {
                c.StableOk += 9;
                c.StableErrors += 1;
                if (c.Failing)
                    c.CanaryErrors += 10;
                else
                    c.CanaryOk += 10;
                var canaryRequests = c.CanaryOk + c.CanaryErrors;
                var nginx = $"namespace=\"{ns}\",ingress=\"{c.Ingress}\"";
                var canaryUpstream = $"{ns}-{CanaryService}-80";
                Line(text, "nginx_ingress_controller_requests", $"{nginx},service=\"{StableService}\",status=\"200\",canary=\"\"", c.StableOk);
                Line(text, "nginx_ingress_controller_requests", $"{nginx},service=\"{StableService}\",status=\"503\",canary=\"\"", c.StableErrors);
                Line(text, "nginx_ingress_controller_requests", $"{nginx},service=\"{CanaryService}\",status=\"200\",canary=\"{canaryUpstream}\"", c.CanaryOk);
                Line(text, "nginx_ingress_controller_requests", $"{nginx},service=\"{CanaryService}\",status=\"503\",canary=\"{canaryUpstream}\"", c.CanaryErrors);
                foreach (var le in new[] { "0.05", "0.1", "0.25", "+Inf" })
                    Line(text, "nginx_ingress_controller_request_duration_seconds_bucket", $"{nginx},canary=\"{canaryUpstream}\",le=\"{le}\"", le == "0.05" ? canaryRequests / 2 : canaryRequests);
                Line(text, "nginx_ingress_controller_request_duration_seconds_count", $"{nginx},canary=\"{canaryUpstream}\"", canaryRequests);
                Line(text, "nginx_ingress_controller_request_duration_seconds_sum", $"{nginx},canary=\"{canaryUpstream}\"", canaryRequests * 0.04);
                foreach (var (service, ok, errors) in new[] { (StableService, c.StableOk, c.StableErrors), (CanaryService, c.CanaryOk, c.CanaryErrors) })
                {
                    var router = $"namespace=\"{ns}\",route=\"{Route}\",service=\"{service}\",server=\"pod:{service}-abc:{service}:http:10.0.0.1:8080\",pod=\"{service}-abc\"";
                    Line(text, "haproxy_server_http_responses_total", $"{router},code=\"2xx\"", ok);
                    Line(text, "haproxy_server_http_responses_total", $"{router},code=\"5xx\"", errors);
                    Line(text, "haproxy_server_http_average_response_latency_milliseconds", router, 40);
                }
            }
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string metric, string labels, double value) =>
        text.Append(metric).Append('{').Append(labels).Append("} ").AppendLine(value.ToString(CultureInfo.InvariantCulture));

    public void Dispose() => _server.Dispose();

    private sealed class Counters
    {
        public bool Failing { get; set; }
        public string Ingress { get; set; } = RouterExporter.Ingress;
        public long StableOk { get; set; }
        public long StableErrors { get; set; }
        public long CanaryOk { get; set; }
        public long CanaryErrors { get; set; }
    }
}

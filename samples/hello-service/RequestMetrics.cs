using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace HelloService;

/// <summary>
/// Prometheus text metrics: requests by path and status code, and a request duration histogram. Paths other than
/// <paramref name="knownPaths"/> count as "other", so unknown URLs cannot grow the series without bound.
/// </summary>
public sealed class RequestMetrics(string service, string version, IReadOnlyCollection<string> knownPaths)
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
    private readonly HashSet<string> _knownPaths = [.. knownPaths];
    private readonly ConcurrentDictionary<(string Path, int Code), long> _requests = new();
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private long _count;
    private long _sumMicros;

    public void Record(string path, int statusCode, TimeSpan elapsed)
    {
        var known = _knownPaths.Contains(path) ? path : "other";
        _requests.AddOrUpdate((known, statusCode), 1, (_, n) => n + 1);
        for (var i = 0; i < Buckets.Length; i++)
        {
            if (elapsed.TotalSeconds <= Buckets[i])
                Interlocked.Increment(ref _bucketCounts[i]);
        }
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, (long)(elapsed.TotalMilliseconds * 1000));
    }

    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("# HELP service_info Name and version of this instance.");
        b.AppendLine("# TYPE service_info gauge");
        b.AppendLine(inv, $"service_info{{service=\"{service}\",version=\"{version}\"}} 1");
        b.AppendLine("# HELP http_requests_total HTTP requests by path and status code.");
        b.AppendLine("# TYPE http_requests_total counter");
        foreach (var ((path, code), n) in _requests.OrderBy(r => r.Key.Path, StringComparer.Ordinal).ThenBy(r => r.Key.Code))
            b.AppendLine(inv, $"http_requests_total{{path=\"{path}\",code=\"{code}\"}} {n}");
        b.AppendLine("# HELP http_request_duration_seconds Request duration.");
        b.AppendLine("# TYPE http_request_duration_seconds histogram");
        for (var i = 0; i < Buckets.Length; i++)
            b.AppendLine(inv, $"http_request_duration_seconds_bucket{{le=\"{Buckets[i].ToString(inv)}\"}} {Interlocked.Read(ref _bucketCounts[i])}");
        var count = Interlocked.Read(ref _count);
        b.AppendLine(inv, $"http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}");
        b.AppendLine(inv, $"http_request_duration_seconds_sum {(Interlocked.Read(ref _sumMicros) / 1_000_000.0).ToString(inv)}");
        b.AppendLine(inv, $"http_request_duration_seconds_count {count}");
        return b.ToString();
    }
}

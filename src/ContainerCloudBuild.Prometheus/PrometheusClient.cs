using System.Globalization;
using System.Text.Json;

namespace ContainerCloudBuild.Prometheus;

/// <summary>Instant queries against the Prometheus HTTP API (<c>GET /api/v1/query</c>).</summary>
public sealed class PrometheusClient(HttpClient http, Uri baseAddress)
{
    public Uri BaseAddress => baseAddress;

    /// <summary>Evaluates <paramref name="query"/> now (or at <paramref name="time"/>).</summary>
    /// <exception cref="PrometheusQueryException">Prometheus answered an error (bad query, timeout, ...).</exception>
    /// <exception cref="HttpRequestException">Prometheus is unreachable.</exception>
    public async Task<PrometheusQueryResult> QueryAsync(string query, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = "api/v1/query?query=" + Uri.EscapeDataString(query);
        if (time is { } t)
            url += "&time=" + (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        using var response = await http.GetAsync(new Uri(baseAddress, url), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PrometheusQueryException(query, status, "not_json", body.Length > 300 ? body[..300] : body);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!response.IsSuccessStatusCode || Text(root, "status") != "success")
                throw new PrometheusQueryException(query, status, Text(root, "errorType") ?? "unknown", Text(root, "error") ?? body);
            var data = root.GetProperty("data");
            var type = Text(data, "resultType") ?? "unknown";
            var result = data.GetProperty("result");
            return type switch
            {
                "vector" => new(type, [.. result.EnumerateArray().Select(ReadSeries)]),
                "scalar" => new(type, [ReadValue(new Dictionary<string, string>(), result)]),
                _ => throw new PrometheusQueryException(query, status, "unsupported_result",
                    $"an instant query returned a {type}; write a query that returns a vector or scalar (e.g. wrap a range selector in rate() or avg_over_time())"),
            };
        }
    }

    private static PrometheusSample ReadSeries(JsonElement series)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("metric", out var metric))
        {
            foreach (var p in metric.EnumerateObject())
                labels[p.Name] = p.Value.GetString() ?? "";
        }
        return ReadValue(labels, series.GetProperty("value"));
    }

    private static PrometheusSample ReadValue(IReadOnlyDictionary<string, string> labels, JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return new PrometheusSample(labels, time, ParseValue(pair[1].GetString() ?? "NaN"));
    }

    /// <summary>Parses Prometheus' value strings, including "NaN", "+Inf" and "-Inf".</summary>
    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

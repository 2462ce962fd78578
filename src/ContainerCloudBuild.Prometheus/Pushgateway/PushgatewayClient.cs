using System.Text;

namespace ContainerCloudBuild.Prometheus.Pushgateway;

/// <summary>
/// Pushes metric groups to a Prometheus Pushgateway: <c>PUT</c> replaces the group, <c>POST</c> replaces only
/// the pushed metric names; <c>DELETE</c> removes the group. The group is
/// <c>/metrics/job/&lt;job&gt;/&lt;label&gt;/&lt;value&gt;...</c> (values with '/' or empty use the <c>@base64</c> form).
/// </summary>
public sealed class PushgatewayClient(HttpClient http, Uri baseAddress)
{
    public Task PushAsync(string job, IReadOnlyDictionary<string, string> grouping, IEnumerable<PushMetric> metrics, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, job, grouping, metrics, cancellationToken);

    public Task PushAddAsync(string job, IReadOnlyDictionary<string, string> grouping, IEnumerable<PushMetric> metrics, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, job, grouping, metrics, cancellationToken);

    public Task DeleteAsync(string job, IReadOnlyDictionary<string, string> grouping, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, job, grouping, null, cancellationToken);

    /// <summary>The group's URL path, e.g. <c>metrics/job/ccb/instance/ci-1</c>.</summary>
    public static string GroupPath(string job, IReadOnlyDictionary<string, string> grouping)
    {
        ArgumentException.ThrowIfNullOrEmpty(job);
        ArgumentNullException.ThrowIfNull(grouping);
        var sb = new StringBuilder("metrics");
        Append(sb, "job", job);
        foreach (var (name, value) in grouping)
            Append(sb, ExpositionFormat.CheckLabel(name), value);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string name, string value)
    {
        if (value.Length == 0 || value.Contains('/', StringComparison.Ordinal))
        {
            var b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_');
            sb.Append('/').Append(name).Append("@base64/").Append(b64.Length == 0 ? "=" : b64);
        }
        else
        {
            sb.Append('/').Append(name).Append('/').Append(Uri.EscapeDataString(value));
        }
    }

    private async Task SendAsync(HttpMethod method, string job, IReadOnlyDictionary<string, string> grouping, IEnumerable<PushMetric>? metrics, CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress, GroupPath(job, grouping));
        using var request = new HttpRequestMessage(method, uri);
        if (metrics is not null)
            request.Content = new StringContent(ExpositionFormat.Write(metrics), Encoding.UTF8, "text/plain");
        if (request.Content is not null)
            request.Content.Headers.ContentType = new("text/plain") { Parameters = { new("version", "0.0.4") } };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Pushgateway {method} {uri} answered {(int)response.StatusCode}: {(body.Length > 300 ? body[..300] : body)}", null, response.StatusCode);
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Pushes to Loki's <c>POST /loki/api/v1/push</c>: one stream per label set, values of
/// <c>["&lt;unix nanoseconds&gt;", "&lt;event JSON&gt;"]</c>. Labels are the static ones plus the event type.
/// </summary>
public sealed class LokiSink(HttpClient http, Uri baseAddress, IReadOnlyDictionary<string, string> labels) : IEventSink
{
    public string Name => "loki";

    public async Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var streams = batch.GroupBy(e => e.Type, StringComparer.Ordinal).Select(g => new
        {
            stream = new Dictionary<string, string>(labels, StringComparer.Ordinal) { ["type"] = g.Key },
            values = g.Select(e => new[] { UnixNanoseconds(e.Timestamp), e.ToJson() }).ToList(),
        });
        var uri = new Uri(baseAddress, "loki/api/v1/push");
        using var response = await http.PostAsJsonAsync(uri, new { streams }, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new EventSinkException(Name, (int)response.StatusCode, body);
        }
    }

    public static string UnixNanoseconds(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);
}

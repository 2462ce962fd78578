using System.Net.Http.Json;

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Posts a JSON array of records to the Fluent Bit <c>http</c> input or fluentd <c>in_http</c>
/// (<c>POST &lt;url&gt;/&lt;tag&gt;</c>, content type application/json). Each record is the event object.
/// </summary>
public sealed class FluentBitSink(HttpClient http, Uri endpoint) : IEventSink
{
    public string Name => "fluent-bit";

    public async Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var response = await http.PostAsJsonAsync(endpoint, batch, EventJson.Options, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new EventSinkException(Name, (int)response.StatusCode, body);
        }
    }
}

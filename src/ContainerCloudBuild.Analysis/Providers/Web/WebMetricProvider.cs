using System.Text.Json;
using ContainerCloudBuild.Analysis.Templating;

namespace ContainerCloudBuild.Analysis.Providers.Web;

/// <summary>Measures by an HTTP GET/POST: the status code, or a JSON field of the answer.</summary>
public sealed class WebMetricProvider(HttpClient http, WebMetricOptions options) : IMetricProvider
{
    public string Name => "web";

    public async Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = QueryTemplate.Render(options.Url, query.Args, Uri.EscapeDataString);
        using var request = new HttpRequestMessage(options.Method, url);
        if (options.Body is not null)
        {
            var body = QueryTemplate.Render(options.Body, query.Args, JsonEscape);
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, options.BodyContentType);
        }
        foreach (var (name, value) in options.Headers)
            request.Headers.TryAddWithoutValidation(name, value);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (options.JsonPath is null)
                return ProviderReading.Of(status);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return ProviderReading.Error($"{options.Method} {request.RequestUri} answered {status} {response.ReasonPhrase}: {Truncate(text)}");
            return ReadField(text, options.JsonPath, request.RequestUri);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderReading.Error($"{options.Method} {request.RequestUri} did not answer within {options.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            return ProviderReading.Error($"{options.Method} {request.RequestUri} failed: {ex.Message}");
        }
    }

    private static ProviderReading ReadField(string text, string path, Uri? uri)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var element = JsonPath.Select(doc.RootElement, path);
            if (element is null || element.Value.ValueKind == JsonValueKind.Null)
                return ProviderReading.NoData($"{uri} has no value at {path}");
            var value = JsonPath.ToDouble(element.Value);
            return value is null
                ? ProviderReading.Error($"{uri} has {element.Value.ValueKind} '{Truncate(element.Value.GetRawText())}' at {path}, not a number")
                : ProviderReading.Of(value.Value);
        }
        catch (JsonException ex)
        {
            return ProviderReading.Error($"{uri} did not answer JSON ({ex.Message}): {Truncate(text)}");
        }
    }

    private static string JsonEscape(string value) => JsonEncodedText.Encode(value).ToString();

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";
}

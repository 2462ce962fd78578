namespace ContainerCloudBuild.Analysis.Providers.Web;

/// <summary>
/// An HTTP check. Without <see cref="JsonPath"/> the value is the status code (judge it with e.g.
/// <c>between 200 and 299</c>); with it, the value is that JSON field of a 2xx answer.
/// <see cref="Url"/> and <see cref="Body"/> may use <c>{{arg}}</c> placeholders.
/// </summary>
public sealed record WebMetricOptions(string Url)
{
    public HttpMethod Method { get; init; } = HttpMethod.Get;

    public string? Body { get; init; }

    public string BodyContentType { get; init; } = "application/json";

    public string? JsonPath { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

using System.Net;
using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;
using RestSharp.Authenticators;

namespace ContainerCloudBuild.Harbor;

/// <summary>
/// Client for Harbor's REST API v2.0 (basePath <c>/api/v2.0</c>): what a pipeline needs to
/// prepare a project, hand out robot credentials, gate on vulnerability scans and protect tags.
/// Every call sends an <c>X-Request-Id</c>, retries transient failures (5xx, connection errors)
/// and turns Harbor's error bodies into <see cref="HarborApiException"/>. Secrets are never logged.
/// </summary>
public sealed partial class HarborClient : IHarborClient, IDisposable
{
    internal const string ApiBasePath = "/api/v2.0/";

    private readonly HarborClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RestClient _rest;

    public HarborClient(HarborClientOptions options, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options.Retry);
        options.Retry.Validate();
        if (options.PageSize is < 1 or > 100)
            throw new ArgumentOutOfRangeException(nameof(options), "PageSize must be between 1 and 100 (Harbor's maximum).");
        _options = options;
        _logger = logger;
        _time = time;
        _rest = new RestClient(new RestClientOptions(new Uri(options.BaseUrl, ApiBasePath))
        {
            Authenticator = new HttpBasicAuthenticator(options.Username, options.Password.Reveal()),
            Timeout = options.RequestTimeout,
            ThrowOnAnyError = false,
        });
    }

    /// <summary>True when Harbor's API process answers <c>GET /ping</c> (no authentication needed).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        var call = new HarborCall("getPing", "ping the API server", null, "system", "read");
        var response = await SendAsync(() => new RestRequest("ping"), call, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Harbor's overall health status ("healthy" only when all components are).</summary>
    public async Task<string> GetHealthAsync(CancellationToken cancellationToken)
    {
        var call = new HarborCall("getHealth", "read component health", null, "system", "read");
        var response = await SendAsync(() => new RestRequest("health"), call, cancellationToken).ConfigureAwait(false);
        return HarborJson.Deserialize<HealthDto>(response.Content, call).Status ?? "unknown";
    }

    public void Dispose() => _rest.Dispose();

    private sealed record HealthDto([property: System.Text.Json.Serialization.JsonPropertyName("status")] string? Status);
}

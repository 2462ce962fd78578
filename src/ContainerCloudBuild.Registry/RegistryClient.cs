using System.Net;
using ContainerCloudBuild.Abstractions;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Registry;

/// <summary>
/// Client for the OCI distribution API (Docker Registry HTTP API v2): ping, auth challenges, tag
/// resolution, tag listing and promotion by cross-repository blob mount. Split by concern into
/// partial files (<c>RegistryClient.*.cs</c>).
/// </summary>
public sealed partial class RegistryClient : IRegistryClient
{
    private readonly HttpClient _http;
    private readonly RegistryClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RegistryAuthenticator _auth;

    public RegistryClient(HttpClient http, RegistryClientOptions options, TimeProvider time, ILogger<RegistryClient> logger)
        : this(http, options, new TokenCache(time), time, logger)
    {
    }

    public RegistryClient(HttpClient http, RegistryClientOptions options, TokenCache tokens, TimeProvider time, ILogger<RegistryClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(options.Retry);
        options.Retry.Validate();
        if (options.ChunkSize < 1) throw new ArgumentException("ChunkSize must be positive.", nameof(options));
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _auth = new RegistryAuthenticator(http, options, tokens, time, logger);
    }

    /// <summary><c>GET /v2/</c>: checks the registry speaks the v2 API and that the credentials work.</summary>
    public async Task<RegistryPing> PingAsync(string registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        using var response = await SendAsync(registry, "ping", "",
            uri => new HttpRequestMessage(HttpMethod.Get, new Uri(uri, "v2/")), cancellationToken).ConfigureAwait(false);
        await EnsureStatusAsync(response, registry, "ping", cancellationToken, HttpStatusCode.OK).ConfigureAwait(false);
        var version = response.Headers.TryGetValues("Docker-Distribution-API-Version", out var values) ? values.FirstOrDefault() : null;
        return new RegistryPing(registry, version);
    }

    internal static string PullScope(string repository) => $"repository:{repository}:pull";
    internal static string PushScope(string repository) => $"repository:{repository}:pull,push";

    internal static Uri RepositoryUri(Uri baseUri, string repository, string rest) => new(baseUri, $"v2/{repository}/{rest}");

    private async Task EnsureStatusAsync(HttpResponseMessage response, string registry, string operation,
        CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        if (expected.Contains(response.StatusCode)) return;
        throw await UnexpectedAsync(response, registry, operation, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RegistryException> UnexpectedAsync(HttpResponseMessage response, string registry, string operation,
        CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var errors = RegistryException.ParseErrors(body);
        var detail = errors.Count > 0
            ? string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}"))
            : body.Length > 300 ? body[..300] + "..." : body;
        return new RegistryException(registry, operation,
            $"Registry {registry} answered {(int)response.StatusCode} {response.StatusCode} to {operation}: {detail}",
            response.StatusCode, errors, body);
    }
}

/// <summary>Result of <see cref="RegistryClient.PingAsync"/>.</summary>
public sealed record RegistryPing(string Registry, string? ApiVersion);

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Zabbix.Api;

/// <summary>
/// The Zabbix JSON-RPC transport (<c>POST api_jsonrpc.php</c>): logs in lazily (<c>user.login</c>, or an API token
/// as is), sends the token in the top-level <c>auth</c> field, logs in again once when a session expired, and turns
/// JSON-RPC errors into <see cref="ZabbixApiException"/>. Password, API token and session token are registered
/// with the <see cref="SecretMasker"/> before they are sent. Typed calls live in <see cref="ZabbixApi"/>.
/// </summary>
public sealed class ZabbixApiClient
{
    private const string ContentType = "application/json-rpc";
    private readonly HttpClient http;
    private readonly ZabbixCredentials credentials;
    private readonly SecretMasker masker;
    private readonly SemaphoreSlim loginGate = new(1, 1);
    private string? sessionToken;
    private long nextId;

    public ZabbixApiClient(HttpClient http, Uri frontendUrl, ZabbixCredentials credentials, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(frontendUrl);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(masker);
        this.http = http;
        this.credentials = credentials;
        this.masker = masker;
        Endpoint = frontendUrl.AbsolutePath.EndsWith(".php", StringComparison.Ordinal)
            ? frontendUrl
            : new Uri(new Uri(frontendUrl.ToString().TrimEnd('/') + "/"), "api_jsonrpc.php");
        masker.Register(credentials.Password);
        masker.Register(credentials.ApiToken);
    }

    /// <summary>The <c>api_jsonrpc.php</c> address calls go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Calls <paramref name="method"/> with the session's token (logging in first if needed).</summary>
    /// <exception cref="ZabbixApiException">Zabbix answered an error.</exception>
    /// <exception cref="HttpRequestException">The frontend is unreachable or answered a non-JSON page.</exception>
    public async Task<JsonNode?> CallAsync(string method, object parameters, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAsync(method, parameters, token, cancellationToken).ConfigureAwait(false);
        }
        catch (ZabbixApiException ex) when (ex.IsSessionExpired && !credentials.IsApiToken)
        {
            token = await TokenAsync(cancellationToken, expired: token).ConfigureAwait(false);
            return await SendAsync(method, parameters, token, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Calls a method that takes no authentication (<c>apiinfo.version</c>).</summary>
    public Task<JsonNode?> CallAnonymousAsync(string method, object parameters, CancellationToken cancellationToken) =>
        SendAsync(method, parameters, null, cancellationToken);

    /// <summary>Ends the user session (<c>user.logout</c>); nothing to do for an API token.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        var token = sessionToken;
        if (credentials.IsApiToken || token is null)
            return;
        await SendAsync("user.logout", Array.Empty<object>(), token, cancellationToken).ConfigureAwait(false);
        sessionToken = null;
    }

    private async Task<string> TokenAsync(CancellationToken cancellationToken, string? expired = null)
    {
        if (credentials.ApiToken is { } apiToken)
            return apiToken;
        var current = sessionToken;
        if (current is not null && current != expired)
            return current;
        await loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sessionToken is not null && sessionToken != expired)
                return sessionToken;
            var result = await SendAsync("user.login", new { username = credentials.Username, password = credentials.Password }, null, cancellationToken)
                .ConfigureAwait(false);
            var token = result?.GetValue<string>() ?? throw new ZabbixApiException("user.login", 0, "Empty answer", $"Zabbix at {Endpoint} returned no session token");
            masker.Register(token);
            sessionToken = token;
            return token;
        }
        finally
        {
            loginGate.Release();
        }
    }

    private async Task<JsonNode?> SendAsync(string method, object parameters, string? auth, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = method,
            ["params"] = JsonSerializer.SerializeToNode(parameters, ZabbixJson.Options),
            ["id"] = Interlocked.Increment(ref nextId),
        };
        if (auth is not null)
            request["auth"] = auth;
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        using var response = await http.PostAsync(Endpoint, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new HttpRequestException($"Zabbix API at {Endpoint} answered {(int)response.StatusCode} with a non-JSON body for {method}: {Shorten(masker.Apply(body))}",
                null, response.StatusCode);
        }
        if (answer?["error"] is JsonObject error)
        {
            throw new ZabbixApiException(method, error["code"]?.GetValue<int>() ?? 0,
                masker.Apply(error["message"]?.ToString() ?? ""), masker.Apply(error["data"]?.ToString() ?? ""));
        }
        if (!response.IsSuccessStatusCode || answer is not JsonObject ok || !ok.ContainsKey("result"))
            throw new HttpRequestException($"Zabbix API at {Endpoint} answered {(int)response.StatusCode} without a result for {method}: {Shorten(masker.Apply(body))}", null, response.StatusCode);
        return ok["result"];
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "..." : text;
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Registry;

/// <summary>
/// Answers registry auth challenges: remembers each registry's challenge, adds Basic credentials or a
/// Bearer token fetched from the challenge's realm (cached per scope until expiry).
/// </summary>
internal sealed partial class RegistryAuthenticator(
    HttpClient http, RegistryClientOptions options, TokenCache tokens, TimeProvider time, ILogger logger)
{
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    public async Task ApplyAsync(HttpRequestMessage request, string registry, string scope, CancellationToken cancellationToken)
    {
        if (!_challenges.TryGetValue(registry, out var challenge)) return;
        var credentials = options.CredentialsFor(registry);
        if (challenge.IsBasic && credentials is not null)
            request.Headers.Authorization = BasicHeader(credentials.Username, credentials.Password);
        else if (challenge.IsBearer)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                await GetTokenAsync(registry, challenge, scope, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Records the challenge of a 401; true when a retry with (new) authentication can help.</summary>
    public bool OnUnauthorized(string registry, string scope, HttpResponseMessage response, bool hadAuthorization)
    {
        var parsed = response.Headers.WwwAuthenticate.SelectMany(h => AuthChallenge.Parse(h.ToString())).ToList();
        var challenge = parsed.FirstOrDefault(c => c.IsBearer) ?? parsed.FirstOrDefault(c => c.IsBasic);
        if (challenge is null) return false;
        _challenges[registry] = challenge;
        if (challenge.IsBearer)
        {
            tokens.Remove(registry, scope);
            return true;
        }
        return !hadAuthorization && options.CredentialsFor(registry) is not null;
    }

    private async Task<string> GetTokenAsync(string registry, AuthChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        if (tokens.TryGet(registry, scope, out var cached)) return cached;
        var realm = challenge.Realm ?? throw new RegistryException(registry, "token",
            $"Registry {registry} asked for a Bearer token but its challenge has no realm.");
        var query = new List<string>();
        if (challenge.Service is not null) query.Add("service=" + Uri.EscapeDataString(challenge.Service));
        foreach (var item in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            query.Add("scope=" + Uri.EscapeDataString(item));
        var uri = new UriBuilder(realm) { Query = string.Join('&', query) }.Uri;
        var credentials = options.CredentialsFor(registry);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (credentials is not null) request.Headers.Authorization = BasicHeader(credentials.Username, credentials.Password);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryUnavailableException(registry, "token", 1,
                $"The token service {uri.GetLeftPart(UriPartial.Path)} of registry {registry} could not be reached: {ex.Message}",
                innerException: ex);
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                throw new RegistryAuthenticationException(registry, "token", credentials?.Username,
                    $"The token service {uri.GetLeftPart(UriPartial.Path)} of registry {registry} rejected " +
                    (credentials is null ? "an anonymous request; configure credentials for this registry."
                        : $"user '{credentials.Username}' ({(int)response.StatusCode}); check the user name and password."),
                    response.StatusCode, RegistryException.ParseErrors(body), body);
            if (!response.IsSuccessStatusCode)
                throw new RegistryException(registry, "token",
                    $"The token service {uri.GetLeftPart(UriPartial.Path)} of registry {registry} answered {(int)response.StatusCode} {response.StatusCode}.",
                    response.StatusCode, RegistryException.ParseErrors(body), body);
            var (token, expiresIn) = ParseToken(registry, body);
            var expiresAt = time.GetUtcNow() + expiresIn - options.TokenExpiryMargin;
            tokens.Set(registry, scope, token, expiresAt);
            LogTokenFetched(logger, registry, scope, expiresIn.TotalSeconds);
            return token;
        }
    }

    private static (string Token, TimeSpan ExpiresIn) ParseToken(string registry, string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
            if (string.IsNullOrEmpty(token)) throw new RegistryException(registry, "token", $"The token service of registry {registry} answered without a token.");
            // The token spec's default lifetime is 60 seconds when expires_in is missing.
            var seconds = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) && s > 0 ? s : 60;
            return (token, TimeSpan.FromSeconds(seconds));
        }
        catch (JsonException ex)
        {
            throw new RegistryException(registry, "token", $"The token service of registry {registry} answered with invalid JSON.", innerException: ex);
        }
    }

    private static AuthenticationHeaderValue BasicHeader(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetched a token for registry {Registry}, scope '{Scope}', valid {Seconds} s")]
    private static partial void LogTokenFetched(ILogger logger, string registry, string scope, double seconds);
}

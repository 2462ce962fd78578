using System.Net;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for every attempt), answering
    /// auth challenges and retrying transient failures with exponential backoff. Returns any
    /// non-transient response; the caller checks its status.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(string registry, string operation, string scope,
        Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var baseUri = _options.BaseUri(registry);
        string lastError = "";
        HttpStatusCode? lastStatus = null;
        string? lastBody = null;
        Exception? lastException = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = _options.RetryBaseDelay * Math.Pow(2, attempt - 2);
                LogRetry(_logger, registry, operation, attempt, _options.MaxAttempts, delay.TotalMilliseconds, lastError);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            var challengeAnswered = false;
            while (true)
            {
                using var request = build(baseUri);
                await _auth.ApplyAsync(request, registry, scope, cancellationToken).ConfigureAwait(false);
                var hadAuthorization = request.Headers.Authorization is not null;
                HttpResponseMessage response;
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    lastError = ex.Message;
                    lastException = ex;
                    lastStatus = null;
                    break;
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    lastError = "the request timed out";
                    lastException = ex;
                    lastStatus = null;
                    break;
                }
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (!challengeAnswered && _auth.OnUnauthorized(registry, scope, response, hadAuthorization))
                    {
                        challengeAnswered = true;
                        response.Dispose();
                        continue;
                    }
                    using (response) throw await UnauthorizedAsync(response, registry, operation, cancellationToken).ConfigureAwait(false);
                }
                if (!IsTransient(response.StatusCode)) return response;
                using (response)
                {
                    lastStatus = response.StatusCode;
                    lastBody = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    lastError = $"{(int)response.StatusCode} {response.StatusCode}";
                    lastException = null;
                }
                break;
            }
        }
        throw new RegistryUnavailableException(registry, operation, _options.MaxAttempts,
            $"Registry {registry} failed {operation} after {_options.MaxAttempts} attempts (last error: {lastError}). " +
            $"Check that the registry is running and reachable at {baseUri}.",
            lastStatus, lastBody, lastException);
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private async Task<RegistryAuthenticationException> UnauthorizedAsync(HttpResponseMessage response, string registry,
        string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var errors = RegistryException.ParseErrors(body);
        var detail = errors.Count > 0 ? " (" + string.Join("; ", errors.Select(e => $"{e.Code}: {e.Message}")) + ")" : "";
        var user = _options.CredentialsFor(registry)?.Username;
        var message = user is null
            ? $"Registry {registry} requires authentication for {operation}{detail}; no credentials are configured for it."
            : $"Registry {registry} rejected user '{user}' for {operation} with 401 Unauthorized{detail}; check the user name and password.";
        return new RegistryAuthenticationException(registry, operation, user, message, response.StatusCode, errors, body);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {Registry}: {Operation} attempt {Attempt}/{MaxAttempts} in {DelayMs} ms after: {Error}")]
    private static partial void LogRetry(ILogger logger, string registry, string operation, int attempt, int maxAttempts, double delayMs, string error);
}

using System.Net;
using ContainerCloudBuild.Abstractions.Resilience;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Registry;

public sealed partial class RegistryClient
{
    /// <summary>
    /// Sends a request built by <paramref name="build"/> (called again for every attempt), answering
    /// auth challenges and retrying transient failures per <see cref="RegistryClientOptions.Retry"/>. Returns any
    /// non-transient response; the caller checks its status.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(string registry, string operation, string scope,
        Func<Uri, HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var baseUri = _options.BaseUri(registry);
        var attempts = 0;
        SendAttempt? latest = null;
        var pipeline = RetryPipelines.Create<SendAttempt>(_options.Retry, outcome => outcome.Result is { Response: null }, _time,
            retry => LogRetry(_logger, registry, operation, retry.FailedAttempt + 1, retry.MaxAttempts, retry.Delay.TotalMilliseconds, latest?.Error ?? ""));
        var last = await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            latest = await SendOnceAsync(registry, operation, scope, build, baseUri, token).ConfigureAwait(false);
            return latest;
        }, cancellationToken).ConfigureAwait(false);
        if (last.Response is { } response)
            return response;
        throw new RegistryUnavailableException(registry, operation, attempts,
            $"Registry {registry} failed {operation} after {attempts} attempts (last error: {last.Error}). " +
            $"Check that the registry is running and reachable at {baseUri}.",
            last.Status, last.Body, last.Exception);
    }

    /// <summary>One attempt, with at most one answered auth challenge: a response to hand back, or a transient failure.</summary>
    private async Task<SendAttempt> SendOnceAsync(string registry, string operation, string scope,
        Func<Uri, HttpRequestMessage> build, Uri baseUri, CancellationToken cancellationToken)
    {
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
                return SendAttempt.Failed(ex.Message, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                return SendAttempt.Failed("the request timed out", ex);
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
            if (!IsTransient(response.StatusCode))
                return new SendAttempt(response, "", null, null, null);
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return new SendAttempt(null, $"{(int)response.StatusCode} {response.StatusCode}", response.StatusCode, body, null);
            }
        }
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

    /// <summary>The outcome of one attempt: the response to return, or why it failed transiently.</summary>
    private sealed record SendAttempt(HttpResponseMessage? Response, string Error, HttpStatusCode? Status, string? Body, Exception? Exception)
    {
        public static SendAttempt Failed(string error, Exception exception) => new(null, error, null, null, exception);
    }
}

using System.Net;
using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Sends a request (built fresh for each attempt) with a new X-Request-Id, retrying 5xx and
    /// connection failures with exponential backoff. Success is 2xx or one of <paramref name="accepted"/>.
    /// </summary>
    private async Task<RestResponse> SendAsync(Func<RestRequest> build, HarborCall call, CancellationToken cancellationToken,
        params HttpStatusCode[] accepted)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = build();
            var requestId = Guid.NewGuid().ToString("N");
            request.AddOrUpdateHeader("X-Request-Id", requestId);
            LogSending(call.Operation, request.Method, request.Resource, requestId, attempt);

            var response = await _rest.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300 || accepted.Contains(response.StatusCode))
            {
                LogAnswered(call.Operation, status, requestId);
                return response;
            }

            var transient = status == 0 || status >= 500;
            if (!transient || attempt >= _options.MaxAttempts)
            {
                var error = HarborErrors.FromResponse(response, call, _options, requestId, attempt);
                LogFailed(call.Operation, status, requestId, error.ServerMessage ?? response.ErrorMessage);
                throw error;
            }

            LogRetrying(call.Operation, status, attempt, _options.MaxAttempts, delay);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Harbor {Operation}: {Method} {Resource} (X-Request-Id {RequestId}, attempt {Attempt})")]
    private partial void LogSending(string operation, Method method, string resource, string requestId, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Harbor {Operation}: {Status} (X-Request-Id {RequestId})")]
    private partial void LogAnswered(string operation, int status, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harbor {Operation} failed with {Status}; attempt {Attempt} of {MaxAttempts}, retrying in {Delay}")]
    private partial void LogRetrying(string operation, int status, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harbor {Operation} failed with {Status} (X-Request-Id {RequestId}): {ServerMessage}")]
    private partial void LogFailed(string operation, int status, string requestId, string? serverMessage);
}

using System.Net;
using ContainerCloudBuild.Abstractions.Resilience;
using ContainerCloudBuild.Harbor.Api;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace ContainerCloudBuild.Harbor;

public sealed partial class HarborClient
{
    /// <summary>
    /// Sends a request (built fresh for each attempt) with a new X-Request-Id, retrying 5xx and
    /// connection failures per <see cref="HarborClientOptions.Retry"/>. Success is 2xx or one of <paramref name="accepted"/>.
    /// </summary>
    private async Task<RestResponse> SendAsync(Func<RestRequest> build, HarborCall call, CancellationToken cancellationToken,
        params HttpStatusCode[] accepted)
    {
        var attempts = 0;
        var requestId = "";
        var pipeline = RetryPipelines.Create<RestResponse>(_options.Retry, outcome => outcome.Result is { } r && !IsSuccess(r, accepted) && IsTransient(r), _time,
            retry => LogRetrying(call.Operation, retry.FailedAttempt, retry.MaxAttempts, retry.Delay));
        var response = await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            var request = build();
            requestId = Guid.NewGuid().ToString("N");
            request.AddOrUpdateHeader("X-Request-Id", requestId);
            LogSending(call.Operation, request.Method, request.Resource, requestId, attempts);
            var answer = await _rest.ExecuteAsync(request, token).ConfigureAwait(false);
            token.ThrowIfCancellationRequested();
            return answer;
        }, cancellationToken).ConfigureAwait(false);

        var status = (int)response.StatusCode;
        if (IsSuccess(response, accepted))
        {
            LogAnswered(call.Operation, status, requestId);
            return response;
        }
        var error = HarborErrors.FromResponse(response, call, _options, requestId, attempts);
        LogFailed(call.Operation, status, requestId, error.ServerMessage ?? response.ErrorMessage);
        throw error;
    }

    private static bool IsSuccess(RestResponse response, HttpStatusCode[] accepted) =>
        (int)response.StatusCode is >= 200 and < 300 || accepted.Contains(response.StatusCode);

    /// <summary>No answer at all (status 0: connection refused, timeout) or a 5xx.</summary>
    private static bool IsTransient(RestResponse response) => (int)response.StatusCode is 0 or >= 500;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Harbor {Operation}: {Method} {Resource} (X-Request-Id {RequestId}, attempt {Attempt})")]
    private partial void LogSending(string operation, Method method, string resource, string requestId, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Harbor {Operation}: {Status} (X-Request-Id {RequestId})")]
    private partial void LogAnswered(string operation, int status, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harbor {Operation} failed; attempt {Attempt} of {MaxAttempts}, retrying in {Delay}")]
    private partial void LogRetrying(string operation, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harbor {Operation} failed with {Status} (X-Request-Id {RequestId}): {ServerMessage}")]
    private partial void LogFailed(string operation, int status, string requestId, string? serverMessage);
}

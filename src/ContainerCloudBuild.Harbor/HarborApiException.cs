using System.Net;

namespace ContainerCloudBuild.Harbor;

/// <summary>
/// Harbor answered an operation with an error (or could not be reached). Carries the HTTP status
/// (null when no answer arrived), the operation id from Harbor's spec, Harbor's own error code and
/// message from <c>{"errors":[{"code","message"}]}</c>, and the request id sent as X-Request-Id.
/// </summary>
public sealed class HarborApiException : Exception
{
    public HarborApiException(string message, string operation, HttpStatusCode? statusCode,
        string? serverCode, string? serverMessage, string requestId, Exception? inner = null)
        : base(message, inner)
    {
        Operation = operation;
        StatusCode = statusCode;
        ServerCode = serverCode;
        ServerMessage = serverMessage;
        RequestId = requestId;
    }

    public HarborApiException() : this("Harbor API call failed.", "unknown", null, null, null, "") { }

    public HarborApiException(string message) : this(message, "unknown", null, null, null, "") { }

    public HarborApiException(string message, Exception inner)
        : this(message, "unknown", null, null, null, "", inner) { }

    /// <summary>Harbor's operationId (e.g. <c>createProject</c>).</summary>
    public string Operation { get; }

    public HttpStatusCode? StatusCode { get; }

    public string? ServerCode { get; }

    public string? ServerMessage { get; }

    public string RequestId { get; }
}

namespace ContainerCloudBuild.Analysis.Events;

/// <summary>
/// Where events go (a JSON-lines file, Loki, Fluent Bit). A sink writes one batch; a failure throws
/// (<see cref="EventSinkException"/> for HTTP answers) and <see cref="EventShipper"/> retries.
/// </summary>
public interface IEventSink
{
    string Name { get; }

    Task WriteAsync(IReadOnlyList<PipelineEvent> batch, CancellationToken cancellationToken);
}

/// <summary>A sink's server refused a batch; carries the status and (truncated) body.</summary>
public sealed class EventSinkException : Exception
{
    public EventSinkException(string sink, int statusCode, string body)
        : base($"Event sink '{sink}' answered {statusCode}: {(body.Length > 300 ? body[..300] + "..." : body)}")
    {
        Sink = sink;
        StatusCode = statusCode;
        Body = body;
    }

    public EventSinkException() { }

    public EventSinkException(string message) : base(message) { }

    public EventSinkException(string message, Exception inner) : base(message, inner) { }

    public string Sink { get; } = "";

    public int StatusCode { get; }

    public string Body { get; } = "";
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>One timestamped event a target reported (a rollout step, a pushed digest); kept in the run record.</summary>
public sealed record RunEvent(DateTimeOffset At, string? Target, string Kind, string Message, IReadOnlyDictionary<string, string>? Data = null)
{
    /// <summary>A typed value the event carries (e.g. a rollout's outcome): read in-process with <see cref="RunRecord.PayloadsOf{T}"/>,
    /// written into the record's JSON as an object. Never a secret: payloads are not masked.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public object? Payload { get; init; }

    /// <summary>The payload as <typeparamref name="T"/>: the object itself in the process that ran the build, or read back
    /// from the JSON object of a record loaded with <see cref="RunRecord.FromJson"/>; null when there is none.</summary>
    public T? PayloadAs<T>() where T : class => Payload switch
    {
        T typed => typed,
        JsonElement { ValueKind: JsonValueKind.Object } json => json.Deserialize<T>(RunRecord.JsonOptions),
        _ => null,
    };
}

/// <summary>
/// Collects events during a run; thread-safe. Messages are masked when the record is written. An event
/// added without a target belongs to the target running in the caller's async flow (<paramref name="currentTarget"/>).
/// </summary>
public sealed class RunEventLog(TimeProvider timeProvider, Func<string?>? currentTarget = null)
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];

    /// <summary>Adds an event of the target that is running now.</summary>
    public void Add(string kind, string message, IReadOnlyDictionary<string, string>? data = null) => Append(new RunEvent(Now, CurrentTarget, kind, message, data));

    /// <summary>Adds an event of <paramref name="target"/> (null: the target that is running now).</summary>
    public void Add(string? target, string kind, string message, IReadOnlyDictionary<string, string>? data = null) =>
        Append(new RunEvent(Now, target ?? CurrentTarget, kind, message, data));

    /// <summary>Adds an event of the running target that carries a typed <paramref name="payload"/>.</summary>
    public void Record<T>(string kind, string message, T payload) where T : class =>
        Append(new RunEvent(Now, CurrentTarget, kind, message) { Payload = payload ?? throw new ArgumentNullException(nameof(payload)) });

    public IReadOnlyList<RunEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private string? CurrentTarget => currentTarget?.Invoke();

    private void Append(RunEvent e)
    {
        lock (_gate) _events.Add(e);
    }
}

namespace ContainerCloudBuild.Engine.Output;

/// <summary>One timestamped event a target reported (a rollout step, a pushed digest); kept in the run record.</summary>
public sealed record RunEvent(DateTimeOffset At, string? Target, string Kind, string Message, IReadOnlyDictionary<string, string>? Data = null);

/// <summary>Collects events during a run; thread-safe. Messages are masked when the record is written.</summary>
public sealed class RunEventLog(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];

    public void Add(string? target, string kind, string message, IReadOnlyDictionary<string, string>? data = null)
    {
        lock (_gate) _events.Add(new RunEvent(timeProvider.GetUtcNow(), target, kind, message, data));
    }

    public IReadOnlyList<RunEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }
}

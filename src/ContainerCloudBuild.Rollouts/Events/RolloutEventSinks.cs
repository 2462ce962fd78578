using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.Events;

/// <summary>
/// Writes each event to a logger at Information level, except the <paramref name="quietKinds"/> (Debug level): e.g.
/// <see cref="RolloutEventKind.Measurement"/> when the analysis runner already prints every measurement as it happens.
/// </summary>
public sealed partial class LoggingRolloutEvents(ILogger logger, IReadOnlySet<RolloutEventKind>? quietKinds = null) : IRolloutEvents
{
    public void Publish(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        if (quietKinds?.Contains(rolloutEvent.Kind) == true)
            LogQuiet(logger, rolloutEvent.ToString());
        else
            Log(logger, rolloutEvent.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Event}")]
    private static partial void Log(ILogger logger, string @event);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Event}")]
    private static partial void LogQuiet(ILogger logger, string @event);
}

/// <summary>Appends each event as one JSON line to a file (the run record of the rollout).</summary>
public sealed class JsonLinesRolloutEvents(string path) : IRolloutEvents
{
    private readonly Lock _gate = new();
    private static readonly JsonSerializerOptions Compact = new(State.RolloutJson.Options) { WriteIndented = false };

    public void Publish(RolloutEvent rolloutEvent)
    {
        var line = JsonSerializer.Serialize(rolloutEvent, Compact) + "\n";
        lock (_gate)
            File.AppendAllText(path, line);
    }
}

/// <summary>Fans out to several sinks.</summary>
public sealed class CompositeRolloutEvents(params IRolloutEvents[] sinks) : IRolloutEvents
{
    public void Publish(RolloutEvent rolloutEvent)
    {
        foreach (var sink in sinks)
            sink.Publish(rolloutEvent);
    }
}

/// <summary>Passes events on with secrets removed from their message (e.g. a build's secret masker).</summary>
public sealed class RedactingRolloutEvents(IRolloutEvents inner, Func<string, string> redact) : IRolloutEvents
{
    public void Publish(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        inner.Publish(rolloutEvent with
        {
            Message = redact(rolloutEvent.Message),
            Measurement = rolloutEvent.Measurement is { Message: { } m } measurement ? measurement with { Message = redact(m) } : rolloutEvent.Measurement,
        });
    }
}

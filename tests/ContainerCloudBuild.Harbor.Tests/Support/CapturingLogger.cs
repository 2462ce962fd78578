using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Harbor.Tests.Support;

/// <summary>An ILogger that keeps every formatted message and structured value (to check no secret leaks).</summary>
internal sealed class CapturingLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>All messages plus every structured state value and exception text.</summary>
    public string AllText => string.Join("\n", Lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        Lines.Enqueue("scope: " + state);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : "";
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{values}] {exception}");
    }
}

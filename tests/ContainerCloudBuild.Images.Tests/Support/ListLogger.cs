using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>Collects formatted log lines; an optional callback sees each line as it is logged.</summary>
internal sealed class ListLogger<T>(Action<LogLevel, string>? onLog = null) : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

    public string AllText => string.Join('\n', _entries.Select(e => e.Message));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        _entries.Enqueue((logLevel, message));
        onLog?.Invoke(logLevel, message);
    }
}

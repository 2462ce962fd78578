using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Engine.Output;

/// <summary>An <see cref="ILogger"/> that writes through the build console, so adapter logs are masked and attributed.</summary>
public sealed class BuildConsoleLogger(BuildConsole console, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && Map(logLevel) <= console.Verbosity;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        var prefix = logLevel >= LogLevel.Warning ? $"{logLevel.ToString().ToLowerInvariant()}: " : "";
        var line = $"{prefix}{formatter(state, exception)}{(exception is null ? "" : $" ({exception.Message})")}";
        console.Write(Map(logLevel), line, toErrorStream: logLevel >= LogLevel.Warning);
        _ = category;
    }

    private static Verbosity Map(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => Verbosity.Verbose,
        LogLevel.Information => Verbosity.Normal,
        _ => Verbosity.Quiet,
    };
}

/// <summary>Creates <see cref="BuildConsoleLogger"/>s for adapters.</summary>
public sealed class BuildConsoleLoggerProvider(BuildConsole console) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new BuildConsoleLogger(console, categoryName);
    public void Dispose() { }
}

/// <summary>An <see cref="ILoggerFactory"/> over the build console, for adapters that take a factory.</summary>
public sealed class BuildConsoleLoggerFactory(BuildConsole console) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new BuildConsoleLogger(console, categoryName);
    public void AddProvider(ILoggerProvider provider) { }
    public void Dispose() { }
}

/// <summary>A typed <see cref="ILogger{TCategoryName}"/> over the build console.</summary>
public sealed class BuildConsoleLogger<T>(BuildConsole console) : ILogger<T>
{
    private readonly BuildConsoleLogger _inner = new(console, typeof(T).Name);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _inner.Log(logLevel, eventId, state, exception, formatter);
}

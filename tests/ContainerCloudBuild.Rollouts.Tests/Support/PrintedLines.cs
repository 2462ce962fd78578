using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.Tests.Support;

/// <summary>What a person sees: the lines a console logger (Information and above) and an analysis' output would print.</summary>
public sealed class PrintedLines : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public void Print(string line)
    {
        lock (_lines) _lines.Add(line);
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
            Print(formatter(state, exception));
    }
}

/// <summary>An analysis that prints each measurement as it happens (as the real analysis runner does) and passes.</summary>
public sealed class PrintingAnalysisRunner(PrintedLines printed, params string[] metrics) : IAnalysisRunner
{
    public Task<RolloutAnalysisResult> RunAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var measurements = metrics.Select(m => new RolloutAnalysisMeasurement(m, 99.9, ">= 99", AnalysisVerdict.Successful)).ToList();
        foreach (var m in measurements)
            printed.Print($"[analysis {request.App}/{request.Candidate.Revision}] {m.Metric}: value {m.Value} vs {m.Condition} -> {m.Verdict}");
        return Task.FromResult(new RolloutAnalysisResult(AnalysisVerdict.Successful, "all passed", measurements));
    }
}

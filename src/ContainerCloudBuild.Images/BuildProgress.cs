using System.Text.Json;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Follows the engine's build stream synchronously (in order) and summarises it: one line per step
/// with its cache hit or time, each distinct engine warning once (e.g. "IPv4 forwarding is disabled",
/// which the engine repeats on every RUN step of a host without forwarding), every raw line at debug
/// level, and on failure the failing step's last output lines. Remembers the current <c>Step n/m</c>,
/// the image id from the <c>aux</c> message and the first error.
/// </summary>
internal sealed partial class BuildProgress(ILogger logger, TimeProvider time) : IProgress<JSONMessage>
{
    private const int OutputTailLines = 10;
    private readonly HashSet<string> _warningsShown = new(StringComparer.Ordinal);
    private readonly Queue<string> _stepOutput = new();
    private long _stepStarted;
    private bool _stepCached;

    public string? CurrentStep { get; private set; }
    public string? Error { get; private set; }
    public string? ImageId { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && AsString(id) is { } imageId)
            ImageId = imageId;
        if (!string.IsNullOrEmpty(value.Stream))
        {
            foreach (var line in value.Stream.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Follow(line);
        }
        else if (!string.IsNullOrEmpty(value.Status))
        {
            LogRaw(logger, value.Status);
        }
        if (value.Error is { } error && Error is null)
        {
            Error = string.IsNullOrWhiteSpace(error.Message) ? "unknown error" : error.Message.Trim();
            LogError(logger, CurrentStep ?? "(before the first step)", Error);
            if (_stepOutput.Count > 0)
                LogOutputTail(logger, string.Join(Environment.NewLine, _stepOutput.Select(l => "  " + l)));
            CurrentStepEnded(failed: true);
        }
    }

    /// <summary>Reports the last step once the stream has ended.</summary>
    public void Complete() => CurrentStepEnded(failed: false);

    private void Follow(string line)
    {
        LogRaw(logger, line);
        if (line.StartsWith("Step ", StringComparison.Ordinal))
        {
            CurrentStepEnded(failed: false);
            CurrentStep = line;
            _stepStarted = time.GetTimestamp();
            _stepCached = false;
            _stepOutput.Clear();
            return;
        }
        var text = line.StartsWith("--->", StringComparison.Ordinal) ? line[4..].Trim() : line;
        if (IsWarning(text))
        {
            if (_warningsShown.Add(text))
                LogWarning(logger, text);
            return;
        }
        if (line == "---> Using cache")
            _stepCached = true;
        else if (!line.StartsWith("--->", StringComparison.Ordinal) && !line.StartsWith("Removing intermediate container", StringComparison.Ordinal))
        {
            _stepOutput.Enqueue(line);
            if (_stepOutput.Count > OutputTailLines)
                _stepOutput.Dequeue();
        }
    }

    private void CurrentStepEnded(bool failed)
    {
        if (CurrentStep is null || _stepStarted == 0)
            return;
        var outcome = failed ? "failed" : _stepCached ? "cached" : $"{time.GetElapsedTime(_stepStarted).TotalSeconds:0.00} s";
        LogStep(logger, CurrentStep, outcome);
        _stepStarted = 0;
    }

    private static bool IsWarning(string text) =>
        text.StartsWith("[Warning]", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WARNING:", StringComparison.Ordinal);

    internal static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Step} ({Outcome})")]
    private static partial void LogStep(ILogger logger, string step, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker: {Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Line}")]
    private static partial void LogRaw(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "Build error at {Step}: {Error}")]
    private static partial void LogError(ILogger logger, string step, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Last output of that step:\n{Lines}")]
    private static partial void LogOutputTail(ILogger logger, string lines);
}

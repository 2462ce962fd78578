using System.Text.Json;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Follows the engine's build stream synchronously (in order): logs each output line, remembers the
/// current <c>Step n/m</c>, the image id from the <c>aux</c> message and the first error.
/// </summary>
internal sealed partial class BuildProgress(ILogger logger) : IProgress<JSONMessage>
{
    public string? CurrentStep { get; private set; }
    public string? Error { get; private set; }
    public string? ImageId { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error is { } error && Error is null)
        {
            Error = string.IsNullOrWhiteSpace(error.Message) ? "unknown error" : error.Message.Trim();
            LogError(logger, Error);
        }
        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var id) && AsString(id) is { } imageId)
            ImageId = imageId;
        if (!string.IsNullOrEmpty(value.Stream))
        {
            foreach (var line in value.Stream.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith("Step ", StringComparison.Ordinal))
                    CurrentStep = line;
                LogLine(logger, line);
            }
        }
        else if (!string.IsNullOrEmpty(value.Status))
        {
            LogStatus(logger, value.Status);
        }
    }

    internal static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogLine(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Status}")]
    private static partial void LogStatus(ILogger logger, string status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Build error: {Error}")]
    private static partial void LogError(ILogger logger, string error);
}

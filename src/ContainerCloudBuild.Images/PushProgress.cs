using System.Text.RegularExpressions;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>
/// Follows the engine's push stream: logs layer status, keeps the first error, and takes the pushed
/// manifest digest from the <c>aux</c> message (<c>{"Tag":..,"Digest":..,"Size":..}</c>) or, failing
/// that, from the final status line (<c>tag: digest: sha256:... size: N</c>).
/// </summary>
internal sealed partial class PushProgress(ILogger logger) : IProgress<JSONMessage>
{
    public string? Error { get; private set; }
    public string? Digest { get; private set; }

    public void Report(JSONMessage value)
    {
        if (value.Error is { } error && Error is null)
            Error = string.IsNullOrWhiteSpace(error.Message) ? "unknown error" : error.Message.Trim();
        if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("Digest", out var digest) && BuildProgress.AsString(digest) is { } fromAux)
            Digest = fromAux;
        if (string.IsNullOrEmpty(value.Status))
            return;
        if (Digest is null && StatusDigest().Match(value.Status) is { Success: true } match)
            Digest = match.Groups[1].Value;
        if (value.Progress is null)
            LogStatus(logger, value.ID is null ? value.Status : $"{value.ID}: {value.Status}");
    }

    [GeneratedRegex(@"digest: (sha256:[a-f0-9]{64})")]
    private static partial Regex StatusDigest();

    [LoggerMessage(Level = LogLevel.Information, Message = "{Status}")]
    private static partial void LogStatus(ILogger logger, string status);
}

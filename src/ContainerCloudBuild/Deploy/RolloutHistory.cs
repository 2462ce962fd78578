using System.Text.Json;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>One rollout command as it ended: what, which revision and image digest, who, when, the outcome and why.</summary>
public sealed record RolloutHistoryEntry(
    DateTimeOffset At, string App, string Command, string? Strategy, string? Revision, string? Image, string? Digest,
    string By, RolloutPhase? Phase, bool Succeeded, string Message);

/// <summary>Past rollouts of each application as JSON lines beside its state (<c>&lt;app&gt;.history.jsonl</c>), appended after every command.</summary>
public sealed class RolloutHistory(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PathFor(string app) => Path.Combine(directory, app + ".history.jsonl");

    public async Task AppendAsync(RolloutHistoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(directory);
        var line = ToLine(entry) + "\n";
        await File.AppendAllTextAsync(PathFor(entry.App), line, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RolloutHistoryEntry>> ReadAsync(string app, CancellationToken cancellationToken)
    {
        var path = PathFor(app);
        if (!File.Exists(path))
            return [];
        var entries = new List<RolloutHistoryEntry>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length == 0)
                continue;
            if (FromLine(line) is { } entry)
                entries.Add(entry);
        }
        return entries;
    }

    /// <summary>One entry as one JSON line (the file's and the cluster's record format).</summary>
    public static string ToLine(RolloutHistoryEntry entry) => JsonSerializer.Serialize(entry, Json);

    /// <summary>The entry of a line, or null for a line cut by a crash mid-write (the others still tell the story).</summary>
    public static RolloutHistoryEntry? FromLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<RolloutHistoryEntry>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Who runs a command: the CI's user when a CI runs the build, else user@machine.</summary>
    public static string Actor(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var variable in new[] { "GITHUB_ACTOR", "GITLAB_USER_LOGIN", "BUILD_REQUESTEDFOR", "BUILD_USER_ID" })
        {
            if (environment.GetValueOrDefault(variable) is { Length: > 0 } user)
                return $"{user} ({variable})";
        }
        return $"{System.Environment.UserName}@{System.Environment.MachineName}";
    }

    public static string Format(RolloutHistoryEntry e) =>
        $"{e.At:yyyy-MM-dd HH:mm:ss} {e.Command,-8} {e.Revision ?? "-",-24} {(e.Succeeded ? "ok" : "FAILED"),-6} {e.Phase?.ToString() ?? "-",-16} by {e.By}  {e.Digest ?? e.Image ?? ""}  {e.Message}";
}

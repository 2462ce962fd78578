using System.Globalization;

namespace ContainerCloudBuild.Rollouts;

/// <summary>
/// Why a revision's workload is not running as started: it exited (code, OOM kill, when), it restarted, or it is gone.
/// <see cref="Describe"/> is the sentence that leads an abort reason.
/// </summary>
public sealed record WorkloadExit(string Revision)
{
    /// <summary>False when the workload no longer exists at all (removed outside the rollout).</summary>
    public bool Exists { get; init; } = true;

    /// <summary>True when it runs again after exiting (a restart policy brought it back); <see cref="RestartCount"/> says how often.</summary>
    public bool Running { get; init; }

    public int? ExitCode { get; init; }
    public bool OomKilled { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public int RestartCount { get; init; }

    /// <summary>The platform's own error text, if any (e.g. Docker's State.Error).</summary>
    public string? Error { get; init; }

    public IReadOnlyList<string> LastLogs { get; init; } = [];

    /// <summary>Which replica this is (0-based) when the revision runs several; null for a single one.</summary>
    public int? Replica { get; init; }

    /// <summary>How many replicas the revision runs.</summary>
    public int ReplicaCount { get; init; } = 1;

    /// <summary>The platform's name of the replica's workload (e.g. the container name), shown beside the replica index.</summary>
    public string? InstanceName { get; init; }

    /// <summary>e.g. <c>candidate v2 container exited with code 137 (killed, OOM: no) at 12:00:01; last log lines: a | b</c>.</summary>
    public string Describe(string role = "candidate")
    {
        var who = $"{role} {Revision}{ReplicaText()}";
        var what = !Exists
            ? $"{who} container is gone (removed outside the rollout)"
            : Running
                ? $"{who} container restarted {RestartCount} time(s){ExitText()}"
                : $"{who} container exited{ExitText()}";
        var error = string.IsNullOrWhiteSpace(Error) ? "" : $"; error: {Error}";
        var logs = LastLogs.Count == 0 ? "; no log lines" : $"; last log lines: {string.Join(" | ", LastLogs)}";
        return what + error + (Exists ? logs : "");
    }

    private string ReplicaText() => Replica is { } index
        ? string.Create(CultureInfo.InvariantCulture, $" replica {index} of {ReplicaCount}{(InstanceName is null ? "" : $" ({InstanceName})")}")
        : "";

    private string ExitText()
    {
        var code = ExitCode is { } c ? $" with code {c.ToString(CultureInfo.InvariantCulture)} ({Signal(c)}OOM: {(OomKilled ? "yes" : "no")})" : "";
        var at = FinishedAt is { } f ? $" at {f:HH:mm:ss}" : "";
        return Running ? (ExitCode is null ? at : $", last exit{code}{at}") : code + at;
    }

    /// <summary>128 + n is the conventional exit code of a process ended by signal n.</summary>
    private static string Signal(int code) => code switch
    {
        137 => "killed, ",
        143 => "terminated, ",
        139 => "segmentation fault, ",
        _ => "",
    };
}

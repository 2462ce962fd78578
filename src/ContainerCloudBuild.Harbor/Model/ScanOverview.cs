namespace ContainerCloudBuild.Harbor;

/// <summary>
/// Harbor's vulnerability scan summary of one artifact (one entry of <c>scan_overview</c>).
/// <see cref="Status"/> is Harbor's <c>scan_status</c>: Pending, Running, Success, Error, Stopped,
/// or <see cref="NotScanned"/> when the artifact has no report yet.
/// </summary>
public sealed record ScanOverview(
    string Status,
    IReadOnlyDictionary<Severity, int> Counts,
    int Total,
    int Fixable,
    Severity? OverallSeverity,
    string? ReportId,
    int? CompletePercent)
{
    public const string NotScanned = "Not Scanned";

    public static ScanOverview None { get; } = new(NotScanned, new Dictionary<Severity, int>(), 0, 0, null, null, null);

    public bool IsSuccess => string.Equals(Status, "Success", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the scan ended (successfully or not) and polling can stop.</summary>
    public bool IsFinished => IsSuccess
        || string.Equals(Status, "Error", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Status, "Stopped", StringComparison.OrdinalIgnoreCase);

    public int CountOf(Severity severity) => Counts.TryGetValue(severity, out var n) ? n : 0;
}

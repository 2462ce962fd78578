using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Harbor;

/// <summary>
/// The pipeline's vulnerability gate: passes only when the scan succeeded and no vulnerability at
/// or above the threshold severity was found.
/// </summary>
public static class ScanGate
{
    public static ScanGateResult Evaluate(ScanOverview scan, Severity threshold)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (threshold == Severity.None)
            throw new ArgumentOutOfRangeException(nameof(threshold), "Use at least Severity.Unknown as the gate threshold.");
        var blocking = ScanGateResult.Order.Where(s => s >= threshold).Sum(scan.CountOf);
        var passed = scan.IsSuccess && blocking == 0;
        return new ScanGateResult(passed, threshold, scan.Status, blocking, scan.Total,
            ScanGateResult.Order.ToDictionary(s => s, scan.CountOf));
    }
}

/// <summary>The gate's verdict; <see cref="ToString"/> prints the counts per severity.</summary>
public sealed record ScanGateResult(
    bool Passed,
    Severity Threshold,
    string ScanStatus,
    int BlockingCount,
    int Total,
    IReadOnlyDictionary<Severity, int> Counts)
{
    internal static readonly Severity[] Order =
        [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Negligible, Severity.Unknown];

    public override string ToString()
    {
        var text = new StringBuilder(Passed ? "Scan gate passed" : "Scan gate FAILED");
        text.Append(CultureInfo.InvariantCulture, $" (threshold {Threshold}, scan {ScanStatus}): ");
        text.AppendJoin(", ", Order.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {Counts.GetValueOrDefault(s)}")));
        text.Append(CultureInfo.InvariantCulture, $"; total {Total}");
        if (!string.Equals(ScanStatus, "Success", StringComparison.OrdinalIgnoreCase))
            text.Append(CultureInfo.InvariantCulture, $". The scan did not succeed ('{ScanStatus}'), so the image cannot be cleared");
        else if (BlockingCount > 0)
            text.Append(CultureInfo.InvariantCulture, $". {BlockingCount} vulnerabilities at or above {Threshold}");
        return text.ToString();
    }
}

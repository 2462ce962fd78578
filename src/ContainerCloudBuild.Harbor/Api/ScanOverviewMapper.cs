namespace ContainerCloudBuild.Harbor.Api;

/// <summary>Picks the report of the first accepted MIME type from <c>scan_overview</c> and maps it.</summary>
internal static class ScanOverviewMapper
{
    public static ScanOverview FromWire(Dictionary<string, NativeReportSummaryDto>? overview, string acceptHeader)
    {
        if (overview is not { Count: > 0 })
            return ScanOverview.None;
        var preferred = acceptHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var report = preferred.Select(p => overview.GetValueOrDefault(p)).FirstOrDefault(r => r is not null)
            ?? overview.Values.First();

        var counts = new Dictionary<Severity, int>();
        foreach (var (name, count) in report.Summary?.Summary ?? [])
        {
            if (SeverityNames.TryParse(name, out var severity))
                counts[severity] = counts.GetValueOrDefault(severity) + count;
        }

        Severity? overall = SeverityNames.TryParse(report.Severity, out var s) ? s : null;
        return new ScanOverview(report.ScanStatus ?? ScanOverview.NotScanned, counts,
            report.Summary?.Total ?? counts.Values.Sum(), report.Summary?.Fixable ?? 0,
            overall, report.ReportId, report.CompletePercent);
    }
}

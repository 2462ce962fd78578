using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Files;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// The run report: one self-contained HTML file (inline CSS and SVG, nothing loaded from elsewhere) written beside the
/// JSON run record. The failure reason comes first when the run failed, then the targets' timeline, images and scans,
/// rendered manifests, the rollouts and the run's other events. Every text is masked by the build's secret masker, then HTML-encoded.
/// </summary>
public static class RunReport
{
    public const string FileName = "report.html";

    /// <summary>Where the report of the run record at <paramref name="recordPath"/> goes: the same folder.</summary>
    public static string PathBeside(string recordPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(recordPath))!, FileName);

    /// <summary>Writes the report of a run of the repository at <paramref name="rootDirectory"/> beside its run record; returns the path.</summary>
    public static string WriteBesideRecord(RunRecord record, SecretMasker masker, string rootDirectory)
    {
        var path = PathBeside(RunRecord.LastRunPath(Path.GetFullPath(rootDirectory)));
        Write(record, masker, path);
        return path;
    }

    /// <summary>Writes atomically (<see cref="AtomicFile"/>).</summary>
    public static void Write(RunRecord record, SecretMasker masker, string path) =>
        AtomicFile.WriteAllText(path, Render(record, masker));

    public static string Render(RunRecord record, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(masker);
        var text = new HtmlText(masker);
        var data = ReportData.From(record);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>{text[record.Build]} {text[string.Join(" ", record.RequestedTargets)]}: {StatusText(record.ExitCode)}</title>
            <style>{ReportStyle.Css}</style></head><body>

            """);
        SummarySection.Write(html, record, data, text);
        TargetTimelineSection.Write(html, record, text);
        ImagesSection.Write(html, data, text);
        ManifestsSection.Write(html, data, text);
        RolloutSection.Write(html, data, text);
        EventsSection.Write(html, record, text);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    internal static string StatusText(int exitCode) => exitCode switch
    {
        0 => "succeeded",
        2 => "usage error",
        130 => "cancelled",
        _ => "failed",
    };
}

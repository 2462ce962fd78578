using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Reporting;

/// <summary>The header (what ran, how it ended, when, how long), the failure reason first when the run failed, and the parameters.</summary>
internal static class SummarySection
{
    public static void Write(StringBuilder html, RunRecord record, ReportData data, HtmlText text)
    {
        var status = RunReport.StatusText(record.ExitCode);
        var css = record.ExitCode switch { 0 => "ok", 130 => "stopped", _ => "bad" };
        var duration = (record.FinishedAt - record.StartedAt).TotalMilliseconds;
        html.Append(CultureInfo.InvariantCulture, $"""
            <header id="summary"><h1>{text[record.Build]}: {text[string.Join(", ", record.RequestedTargets)]} <span class="status {css}" id="status">{status}</span></h1>
            <p class="meta">exit code {record.ExitCode} · started {record.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC · took {HtmlText.Duration(duration)} · on {text[record.CiHost]}</p></header>

            """);
        if (record.ExitCode != 0)
            WriteFailure(html, record, data, text);
        WriteParameters(html, record, text);
    }

    private static void WriteFailure(StringBuilder html, RunRecord record, ReportData data, HtmlText text)
    {
        var reasons = record.Targets
            .Where(t => t.Outcome is TargetOutcome.Failed or TargetOutcome.Cancelled)
            .Select(t => $"<li><strong>{text[t.Name]}</strong> {t.Outcome.ToString().ToLowerInvariant()}: {text[t.Message ?? "(no message)"]}</li>")
            .Concat(data.Rollout
                .Where(e => e.Kind is RolloutEventKind.Aborted or RolloutEventKind.Failed)
                .Select(e => $"<li>rollout of <strong>{text[e.App]}</strong> {text[e.Revision]} {e.Kind.ToString().ToLowerInvariant()}: {text[e.Message]}</li>"))
            .ToList();
        if (reasons.Count == 0)
            reasons.Add(record.ExitCode == 2
                ? "<li>usage error: the run stopped before any target ran (see the console output).</li>"
                : "<li>the run stopped before any target reported a failure (see the console output).</li>");
        html.Append("<section class=\"failure\" id=\"failure\"><h2>Why the run ")
            .Append(RunReport.StatusText(record.ExitCode) == "cancelled" ? "was cancelled" : "failed")
            .Append("</h2><ul>").AppendJoin("", reasons).Append("</ul></section>\n");
    }

    private static void WriteParameters(StringBuilder html, RunRecord record, HtmlText text)
    {
        if (record.Parameters.Count == 0) return;
        html.Append("<h2>Parameters</h2><table id=\"parameters\"><tr><th>name</th><th>value</th></tr>");
        foreach (var (name, value) in record.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{text[name]}</td><td class=\"mono\">{(value is null ? "<span class=\"empty\">not set</span>" : text[value])}</td></tr>");
        html.Append("</table>\n");
    }
}

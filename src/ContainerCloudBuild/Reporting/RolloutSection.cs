using System.Globalization;
using System.Text;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// Each rollout of the run: the verdict, the rollback if any, the traffic weight over time, every analysis measurement
/// against its condition, and all its events.
/// </summary>
internal static class RolloutSection
{
    public static void Write(StringBuilder html, ReportData data, HtmlText text)
    {
        if (!SectionHeading.Write(html, "Rollouts", data.Rollout.Count > 0, "No rollout ran in this run."))
            return;

        foreach (var app in data.Rollout.GroupBy(e => e.App, StringComparer.Ordinal))
            WriteRollout(html, app.Key, app.ToList(), text);
    }

    private static void WriteRollout(StringBuilder html, string app, IReadOnlyList<ReportedRolloutEvent> events, HtmlText text)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"rollout\" data-app=\"{text[app]}\"><h3>{text[app]}</h3>\n");
        var end = events.LastOrDefault(e => e.Kind is RolloutEventKind.Completed or RolloutEventKind.Aborted or RolloutEventKind.Failed);
        var verdict = end is null ? "in progress" : end.Kind.ToString();
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"verdict\">Verdict: <span class=\"rollout-verdict {verdict.ToLowerInvariant()}\">{text[verdict]}</span>{(end is null ? "" : $" ({text[end.Revision]}: {text[end.Message]})")}</p>\n");
        foreach (var rollback in events.Where(e => e.Kind is RolloutEventKind.TrafficRestored or RolloutEventKind.Undone))
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"rollback\">Rolled back at {HtmlText.Time(rollback.At)}: {text[rollback.Message]}</p>\n");

        WeightChart.Write(html, events, text);
        WriteMeasurements(html, events, text);
        html.Append("<details><summary>All events</summary><table class=\"rollout-events\"><tr><th>time</th><th>revision</th><th>event</th><th>message</th></tr>");
        foreach (var e in events)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlText.Time(e.At)}</td><td>{text[e.Revision]}</td><td class=\"{(e.Kind.IsError() ? "failed" : "")}\">{e.Kind}</td><td>{text[e.Message]}</td></tr>");
        html.Append("</table></details></section>\n");
    }

    private static void WriteMeasurements(StringBuilder html, IReadOnlyList<ReportedRolloutEvent> events, HtmlText text)
    {
        var measured = events.Where(e => e.Measurement is not null).ToList();
        if (measured.Count == 0)
        {
            html.Append("<p class=\"empty\">No analysis measurement.</p>\n");
            return;
        }

        html.Append("<table class=\"measurements\"><tr><th>time</th><th>revision</th><th>metric</th><th>value</th><th>condition</th><th>verdict</th><th>detail</th></tr>");
        foreach (var e in measured)
        {
            var m = e.Measurement!;
            var value = m.Value is { } v ? HtmlText.Number(v) : "no data";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"measurement\"><td>{HtmlText.Time(e.At)}</td><td>{text[e.Revision]}</td><td>{text[m.Metric]}</td><td>{value}</td><td>{text[m.Condition]}</td><td class=\"outcome {m.Verdict.ToString().ToLowerInvariant()}\">{m.Verdict}</td><td>{text[m.Message]}</td></tr>");
        }

        html.Append("</table>\n");
    }
}

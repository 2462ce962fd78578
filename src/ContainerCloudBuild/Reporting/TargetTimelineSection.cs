using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// The targets as a timeline (one lane per set of targets that ran at the same time, bar length = duration, colour =
/// outcome) and as a table with each target's outcome, start, duration, attempts and why it was skipped or failed.
/// </summary>
internal static class TargetTimelineSection
{
    private const int Width = 960, LaneHeight = 26, Top = 8, Left = 8;

    public static void Write(StringBuilder html, RunRecord record, HtmlText text)
    {
        if (!SectionHeading.Write(html, "Targets", record.Targets.Count > 0, "No target ran."))
            return;

        var started = record.Targets.Where(t => t.StartOffsetMs is not null).OrderBy(t => t.StartOffsetMs).ToList();
        var lanes = AssignLanes(started);
        var total = Math.Max(1, Math.Max((record.FinishedAt - record.StartedAt).TotalMilliseconds, started.Select(End).DefaultIfEmpty(0).Max()));
        var scale = (Width - 2.0 * Left) / total;
        var height = Top * 2 + Math.Max(1, lanes.Values.DefaultIfEmpty(0).Max() + 1) * LaneHeight;
        html.Append(CultureInfo.InvariantCulture,
            $"<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" role=\"img\" aria-label=\"targets over time, one lane per set of targets that ran at the same time\">");
        foreach (var t in started)
        {
            var x = Left + t.StartOffsetMs!.Value * scale;
            var y = Top + lanes[t.Name] * LaneHeight;
            var w = Math.Max(2, t.DurationMs * scale);
            var label = $"{t.Name} {HtmlText.Duration(t.DurationMs)}";
            html.Append(CultureInfo.InvariantCulture,
                $"<g class=\"target\"><title>{text[label]}: {t.Outcome}</title><rect class=\"bar-{Css(t.Outcome)}\" x=\"{x:0.#}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{LaneHeight - 6}\" rx=\"3\"/>");
            // The label goes inside its bar when it fits, after it when the lane is free there, otherwise only in the tooltip and the table.
            var labelWidth = label.Length * 6.5 + 8;
            var nextInLane = started.Where(o => lanes[o.Name] == lanes[t.Name] && o.StartOffsetMs > t.StartOffsetMs).Select(o => Left + o.StartOffsetMs!.Value * scale).DefaultIfEmpty(Width).Min();
            if (w >= labelWidth)
                html.Append(CultureInfo.InvariantCulture, $"<text class=\"on-bar\" x=\"{x + 4:0.#}\" y=\"{y + 14}\">{text[label]}</text>");
            else if (x + w + labelWidth <= Math.Min(nextInLane, Width))
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + w + 4:0.#}\" y=\"{y + 14}\">{text[label]}</text>");
            html.Append("</g>");
        }

        html.Append("</svg>\n<table id=\"targets\"><tr><th>target</th><th>outcome</th><th>started</th><th>duration</th><th>attempts</th><th>why</th></tr>");
        foreach (var t in record.Targets)
        {
            var start = t.StartOffsetMs is { } s ? "+" + HtmlText.Duration(s) : "";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr class=\"target-row\" data-outcome=\"{Css(t.Outcome)}\"><td>{text[t.Name]}</td><td class=\"outcome {Css(t.Outcome)}\">{t.Outcome}</td><td>{start}</td><td>{HtmlText.Duration(t.DurationMs)}</td><td>{t.Attempts}</td><td>{text[t.Message]}</td></tr>");
        }

        html.Append("</table>\n");
    }

    private static double End(RunRecordTarget t) => t.StartOffsetMs!.Value + t.DurationMs;

    /// <summary>Each target in the first lane that is free when it starts, so targets that overlapped are on different lanes.</summary>
    private static Dictionary<string, int> AssignLanes(IEnumerable<RunRecordTarget> byStart)
    {
        var laneEnds = new List<double>();
        var lanes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in byStart)
        {
            var lane = laneEnds.FindIndex(end => end <= t.StartOffsetMs!.Value);
            if (lane < 0) { lane = laneEnds.Count; laneEnds.Add(0); }
            laneEnds[lane] = End(t);
            lanes[t.Name] = lane;
        }

        return lanes;
    }

    internal static string Css(TargetOutcome outcome) => outcome.ToString().ToLowerInvariant();
}

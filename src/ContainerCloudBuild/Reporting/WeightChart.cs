using System.Globalization;
using System.Text;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Reporting;

/// <summary>
/// The candidate's traffic weight over time as an inline SVG step line (0–100%), with a dot per analysis
/// measurement (green passed, red failed, orange inconclusive) and a red line where traffic went back to stable.
/// </summary>
internal static class WeightChart
{
    private const int Width = 960, Height = 220, Left = 44, Right = 16, Top = 12, Bottom = 28;

    public static void Write(StringBuilder html, IReadOnlyList<ReportedRolloutEvent> events, HtmlText text)
    {
        var start = events[0].At;
        var span = Math.Max(1, (events[^1].At - start).TotalMilliseconds);
        double X(DateTimeOffset at) => Left + (at - start).TotalMilliseconds / span * (Width - Left - Right);
        static double Y(int weight) => Top + (100 - weight) / 100.0 * (Height - Top - Bottom);
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        html.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"weights\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" role=\"img\" aria-label=\"candidate traffic weight over time\">");
        foreach (var grid in new[] { 0, 25, 50, 75, 100 })
            html.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(grid))}\" y2=\"{F(Y(grid))}\" stroke=\"#e4e8eb\"/><text x=\"4\" y=\"{F(Y(grid) + 4)}\">{grid}%</text>");
        html.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left}\" y=\"{Height - 8}\">{HtmlText.Time(start)}</text><text x=\"{Width - Right - 80}\" y=\"{Height - 8}\">{HtmlText.Time(events[^1].At)}</text>");

        var path = new StringBuilder().Append(CultureInfo.InvariantCulture, $"M{F(X(start))} {F(Y(0))}");
        var weightAt = new List<(DateTimeOffset At, int Weight)>();
        foreach (var e in events)
        {
            if (e.CandidateWeight is not { } w) continue;
            path.Append(CultureInfo.InvariantCulture, $" H{F(X(e.At))} V{F(Y(w))}");
            weightAt.Add((e.At, w));
            html.Append(CultureInfo.InvariantCulture,
                $"<text class=\"weight-label\" x=\"{F(X(e.At) > Width - 60 ? X(e.At) - 30 : X(e.At) + 3)}\" y=\"{F(Y(w) - 4)}\">{w}%</text>");
        }

        path.Append(CultureInfo.InvariantCulture, $" H{F(X(events[^1].At))}");
        html.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" fill=\"none\" stroke=\"#0969da\" stroke-width=\"2\"/>");

        foreach (var e in events.Where(e => e.Kind is RolloutEventKind.TrafficRestored or RolloutEventKind.Undone))
            html.Append(CultureInfo.InvariantCulture,
                $"<g class=\"rollback-mark\"><title>rollback: {text[e.Message]}</title><line x1=\"{F(X(e.At))}\" x2=\"{F(X(e.At))}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#cf222e\" stroke-dasharray=\"4 3\"/><text x=\"{F(X(e.At) > Width - 80 ? X(e.At) - 52 : X(e.At) + 3)}\" y=\"{Top + 10}\" fill=\"#cf222e\">rollback</text></g>");

        foreach (var e in events.Where(e => e.Measurement is not null))
        {
            var m = e.Measurement!;
            var at = weightAt.LastOrDefault(p => p.At <= e.At).Weight;
            var colour = m.Verdict switch { AnalysisVerdict.Successful => "#1a7f37", AnalysisVerdict.Failed => "#cf222e", _ => "#bc4c00" };
            var value = m.Value is { } v ? HtmlText.Number(v) : "no data";
            html.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"measurement-dot\" cx=\"{F(X(e.At))}\" cy=\"{F(Y(at))}\" r=\"5\" fill=\"{colour}\"><title>{text[m.Metric]} = {value} ({text[m.Condition]}): {m.Verdict}</title></circle>");
        }

        html.Append("</svg>\n");
    }
}

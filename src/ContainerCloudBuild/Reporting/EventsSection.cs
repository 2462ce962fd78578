using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Reporting;

/// <summary>The run's other events (those a build recorded itself), in order.</summary>
internal static class EventsSection
{
    public static void Write(StringBuilder html, RunRecord record, HtmlText text)
    {
        var events = ReportData.OtherEvents(record).ToList();
        if (events.Count == 0) return;
        html.Append("<h2>Other events</h2><table id=\"events\"><tr><th>time</th><th>target</th><th>kind</th><th>message</th></tr>");
        foreach (var e in events)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{HtmlText.Time(e.At)}</td><td>{text[e.Target]}</td><td>{text[e.Kind]}</td><td>{text[e.Message]}</td></tr>");
        html.Append("</table>\n");
    }
}

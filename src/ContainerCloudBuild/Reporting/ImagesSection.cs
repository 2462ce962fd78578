using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Reporting;

/// <summary>Images built, pushed (with digests) and promoted, and each Harbor scan gate's counts against its threshold.</summary>
internal static class ImagesSection
{
    private static readonly string[] Severities = ["Critical", "High", "Medium", "Low", "Negligible", "Unknown"];

    public static void Write(StringBuilder html, ReportData data, HtmlText text)
    {
        if (!SectionHeading.Write(html, "Images", data.Images.Count > 0 || data.Scans.Count > 0, "No image was built or pushed in this run."))
            return;

        if (data.Images.Count > 0)
        {
            html.Append("<table id=\"images\"><tr><th>action</th><th>image</th><th>digest</th></tr>");
            foreach (var image in data.Images)
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{image.Action.ToString().ToLowerInvariant()}</td><td class=\"mono\">{text[image.Reference]}{(image.Source is null ? "" : "<br>from " + text[image.Source])}</td><td class=\"mono\">{text[image.Digest ?? "-"]}</td></tr>");
            html.Append("</table>\n");
        }

        if (data.Scans.Count == 0) return;
        html.Append("<table id=\"scans\"><tr><th>scanned image</th><th>gate</th>");
        foreach (var s in Severities) html.Append("<th>").Append(s).Append("</th>");
        html.Append("<th>threshold</th></tr>");
        foreach (var scan in data.Scans)
        {
            var gate = scan.Passed ? "passed" : "failed";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{text[scan.Image]}</td><td class=\"outcome {gate}\">{gate} ({text[scan.ScanStatus]})</td>");
            foreach (var s in Severities) html.Append("<td>").Append(scan.Counts.GetValueOrDefault(s)).Append("</td>");
            html.Append(CultureInfo.InvariantCulture, $"<td>{text[scan.Threshold]} ({scan.BlockingCount} at or above)</td></tr>");
        }

        html.Append("</table>\n");
    }
}

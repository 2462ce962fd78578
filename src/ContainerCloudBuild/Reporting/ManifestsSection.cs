using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.Reporting;

/// <summary>The manifests the run rendered, in apply order, with the file each went to.</summary>
internal static class ManifestsSection
{
    public static void Write(StringBuilder html, ReportData data, HtmlText text)
    {
        if (!SectionHeading.Write(html, "Manifests", data.Manifests.Count > 0, "No manifest was rendered in this run."))
            return;

        html.Append("<table id=\"manifests\"><tr><th>environment</th><th>kind</th><th>name</th><th>file</th></tr>");
        foreach (var m in data.Manifests)
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{text[m.Environment ?? "default"]}</td><td>{text[m.Kind]}</td><td>{text[m.Name]}</td><td class=\"mono\">{text[m.File]}</td></tr>");
        html.Append("</table>\n");
    }
}

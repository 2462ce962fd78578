using System.Text;

namespace ContainerCloudBuild.Reporting;

/// <summary>A section's heading, and in place of its body a line saying the run had nothing of that kind.</summary>
internal static class SectionHeading
{
    /// <summary>Writes the heading; returns false (after writing <paramref name="emptyText"/>) when the section has nothing to show.</summary>
    public static bool Write(StringBuilder html, string title, bool hasContent, string emptyText)
    {
        html.Append("<h2>").Append(title).Append("</h2>\n");
        if (!hasContent)
            html.Append("<p class=\"empty\">").Append(emptyText).Append("</p>\n");
        return hasContent;
    }
}

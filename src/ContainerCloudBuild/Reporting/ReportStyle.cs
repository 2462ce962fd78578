namespace ContainerCloudBuild.Reporting;

/// <summary>The report's inline stylesheet: no fonts, images or scripts are loaded from anywhere.</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; padding: 0 16px; color: #1d232a; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d5dbe1; padding-bottom: 4px; }
        .meta { color: #5b6670; margin: 0 0 12px; }
        .status { display: inline-block; padding: 2px 10px; border-radius: 12px; color: #fff; font-weight: 600; }
        .status.ok { background: #1f883d; } .status.bad { background: #cf222e; } .status.stopped { background: #bc4c00; }
        .failure { border: 2px solid #cf222e; background: #fff1f0; border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
        .failure h2 { border: 0; margin: 0 0 6px; color: #a40e26; }
        .failure li { white-space: pre-wrap; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e8eb; vertical-align: top; }
        th { background: #f3f5f7; font-weight: 600; }
        code, .mono { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
        .outcome { font-weight: 600; }
        .succeeded, .successful, .passed, .completed { color: #1a7f37; } .failed, .aborted { color: #cf222e; }
        .skipped, .notrun, .uptodate { color: #5b6670; } .cancelled, .inconclusive { color: #bc4c00; }
        svg { display: block; margin: 6px 0; background: #fbfcfd; border: 1px solid #e4e8eb; border-radius: 4px; }
        svg text { font: 11px system-ui, sans-serif; fill: #1d232a; } svg text.on-bar { fill: #fff; font-weight: 600; }
        .bar-succeeded { fill: #2da44e; } .bar-failed { fill: #cf222e; } .bar-cancelled { fill: #e16f24; }
        .bar-skipped, .bar-uptodate, .bar-notrun { fill: #afb8c1; }
        .verdict { font-weight: 600; margin: 6px 0; } .rollback { color: #cf222e; font-weight: 600; }
        .empty { color: #5b6670; font-style: italic; }
        """;
}

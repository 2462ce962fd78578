using System.Text.RegularExpressions;
using ContainerCloudBuild.Harbor.Testing.Server;
using ContainerCloudBuild.Tests.EndToEnd;
using ContainerCloudBuild.Tests.Reporting.Support;

namespace ContainerCloudBuild.Tests.Reporting;

/// <summary>
/// The run report of three real runs, opened from disk in headless chromium: assertions are on the DOM chromium
/// rendered, and each page's screenshot is kept under artifacts/test-results/report/ (a CI artifact).
/// </summary>
public sealed partial class RunReportBrowserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _secret = "tok-" + Guid.NewGuid().ToString("N");

    private string[] Args(params string[] targets) => [.. targets, "--api-token", _secret, "--parallel", "2"];

    [Fact]
    public async Task Report_PassingRun_ShowsParallelLanesImagesScanManifestsAndSkipReason()
    {
        HeadlessChromium.Require();
        await using var harbor = new HarborTestServer();
        harbor.Model.AddArtifact("team", "orders", PassingReportBuild.Digest, ["1.4.0"], pollsUntilScanned: 1, new Dictionary<string, int> { ["Medium"] = 2, ["Low"] = 5 });
        using var run = new ReportRun();

        await run.RunAsync(new PassingReportBuild { HarborUrl = harbor.BaseUrl }, Args("Publish"), Ct);
        var dom = await RenderAsync(run, "passing-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("id=\"status\">succeeded<", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"failure\"", dom, StringComparison.Ordinal);
        Assert.True(Lanes(dom) >= 2, "Compile and Lint ran at the same time, so the timeline needs two lanes:\n" + Section(dom, "timeline"));
        Assert.Matches(@"data-outcome=""skipped""><td>Publish</td>.*condition 'IsTagBuild' is false", dom);
        Assert.Contains(PassingReportBuild.Digest, Section(dom, "images"), StringComparison.Ordinal);
        Assert.Matches(@"passed \(Success\)</td><td>0</td><td>0</td><td>2</td><td>5</td>", Section(dom, "scans"));
        Assert.Matches(@"<td>staging</td><td>Deployment</td><td>hello-service</td><td class=""mono"">artifacts/manifests/staging/", Section(dom, "manifests"));
        Assert.Contains("No rollout ran", dom, StringComparison.Ordinal);
        AssertNoSecret(run, dom);
    }

    [Fact]
    public async Task Report_FailedBuild_ShowsTheReasonFirstAndWhatDidNotRun()
    {
        HeadlessChromium.Require();
        using var run = new ReportRun();

        await run.RunAsync(new FailingReportBuild(), Args("Test"), Ct);
        var dom = await RenderAsync(run, "failed-build");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("id=\"status\">failed<", dom, StringComparison.Ordinal);
        var failure = dom.IndexOf("id=\"failure\"", StringComparison.Ordinal);
        Assert.True(failure > 0 && failure < dom.IndexOf("id=\"timeline\"", StringComparison.Ordinal), "the failure reason comes before the timeline");
        Assert.Contains("<strong>Compile</strong> failed: src/Orders/Api.cs(12,5): error CS1002: ; expected (restored with token ***)", dom, StringComparison.Ordinal);
        Assert.Matches(@"data-outcome=""notrun""><td>Test</td>.*'Compile' failed", dom);
        Assert.Matches(@"data-outcome=""succeeded""><td>Lint</td>", dom);
        AssertNoSecret(run, dom);
    }

    [Fact]
    public async Task Report_RolledBackCanary_ShowsWeightsMeasurementsVerdictAndRollback()
    {
        HeadlessChromium.Require();
        using var run = new ReportRun();

        await run.RunAsync(new RolledBackCanaryBuild(), Args("Deploy"), Ct);
        var dom = await RenderAsync(run, "rolled-back-canary");

        Assert.Equal(1, run.ExitCode);
        var failure = Section(dom, "failure", "</section>");
        Assert.Contains("rollout of <strong>orders</strong> v2 aborted", failure, StringComparison.Ordinal);
        Assert.Contains("rollout-verdict aborted\">Aborted<", dom, StringComparison.Ordinal);
        Assert.Contains("Rolled back at", dom, StringComparison.Ordinal);
        Assert.Contains("100% to stable v1", dom, StringComparison.Ordinal);
        Assert.Equal(["20%", "50%", "0%"], WeightLabels(dom));
        Assert.Contains("class=\"rollback-mark\"", dom, StringComparison.Ordinal);
        var measurements = MeasurementRows().Matches(dom).Select(m => (m.Groups["value"].Value, m.Groups["condition"].Value, m.Groups["verdict"].Value)).ToList();
        Assert.Equal([("99.9", "&gt;= 99", "Successful"), ("80", "&gt;= 99", "Failed")], measurements);
        Assert.Contains("change approved by deploy-bot (token ***)", dom, StringComparison.Ordinal);
        AssertNoSecret(run, dom);
    }

    /// <summary>The DOM chromium rendered from the report file; the screenshot goes to the CI artifacts.</summary>
    private static async Task<string> RenderAsync(ReportRun run, string name)
    {
        var html = await File.ReadAllTextAsync(run.ReportPath, Ct);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        var dom = await HeadlessChromium.DumpDomAsync(run.ReportPath, Ct);
        Assert.Contains("<svg id=\"timeline\"", dom, StringComparison.Ordinal);
        await HeadlessChromium.ScreenshotAsync(run.ReportPath, Path.Combine(ScreenshotDirectory, name + ".png"), 1100, 1600, Ct);
        return dom;
    }

    public static string ScreenshotDirectory => Path.Combine(RepositoryRoot.Path, "artifacts", "test-results", "report");

    private void AssertNoSecret(ReportRun run, string dom)
    {
        Assert.Contains("restoring with token ***", run.Output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, dom, StringComparison.Ordinal);
        Assert.DoesNotContain(_secret, File.ReadAllText(run.ReportPath), StringComparison.Ordinal);
        Assert.Contains("feed authenticated with ***", dom, StringComparison.Ordinal);
        Assert.Matches(@"<td>ApiToken</td><td class=""mono"">\*\*\*</td>", dom);
    }

    private static int Lanes(string dom) =>
        BarY().Matches(Section(dom, "timeline")).Select(m => m.Groups[1].Value).Distinct().Count();

    private static IEnumerable<string> WeightLabels(string dom) =>
        WeightLabel().Matches(dom).Select(m => m.Groups[1].Value);

    /// <summary>The element with this id, up to <paramref name="end"/> (by default the next heading: the end of its section).</summary>
    private static string Section(string dom, string id, string end = "<h2")
    {
        var start = dom.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no element with id '{id}' in the rendered page");
        var stop = dom.IndexOf(end, start, StringComparison.Ordinal);
        return stop < 0 ? dom[start..] : dom[start..stop];
    }

    [GeneratedRegex(@"<rect class=""bar-[a-z]+"" x=""[\d.]+"" y=""(\d+)""")]
    private static partial Regex BarY();

    [GeneratedRegex(@"class=""weight-label""[^>]*>(\d+%)<")]
    private static partial Regex WeightLabel();

    [GeneratedRegex(@"<tr class=""measurement"">(?:<td>[^<]*</td>){3}<td>(?<value>[^<]*)</td><td>(?<condition>[^<]*)</td><td class=""outcome [a-z]+"">(?<verdict>[A-Za-z]+)</td>")]
    private static partial Regex MeasurementRows();
}

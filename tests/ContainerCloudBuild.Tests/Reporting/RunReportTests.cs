using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Reporting;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Tests.Reporting;

public sealed class RunReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static RunRecord Record(params RunEvent[] events) => new(
        "Build", ["Deploy"], Start, Start.AddSeconds(3), 1, "Local",
        [new RunRecordTarget("<script>alert(1)</script>", TargetOutcome.Failed, 1200, 1, "bad \"quote\" & <b>tag</b>", 100)],
        new Dictionary<string, string?>(), events);

    [Fact]
    public void Render_TextWithMarkup_IsEncodedNeverMarkup()
    {
        var html = RunReport.Render(Record(), new SecretMasker());

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>tag</b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("bad &quot;quote&quot; &amp; &lt;b&gt;tag&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecretRegisteredAfterTheEventWasRecorded_IsMaskedInEverySection()
    {
        var masker = new SecretMasker();
        var record = Record(
            new RunEvent(Start, "Deploy", "note", "token abc-secret-123"),
            new RunEvent(Start, "Deploy", ReportKinds.Rollout(RolloutEventKind.Hook), "hook")
            {
                Payload = new ReportedRolloutEvent(Start, "app", "v2", RolloutEventKind.Hook, "PreRollout allowed with abc-secret-123", null,
                    new RolloutAnalysisMeasurement("errors", 3, "< 1", AnalysisVerdict.Failed, "log line abc-secret-123")),
            });
        masker.Register("abc-secret-123");

        var html = RunReport.Render(record, masker);

        Assert.DoesNotContain("abc-secret-123", html, StringComparison.Ordinal);
        Assert.Contains("PreRollout allowed with ***", html, StringComparison.Ordinal);
        Assert.Contains("log line ***", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RecordReadBackFromJson_KeepsTheTypedSections()
    {
        var record = Record(
            new RunEvent(Start, "Image", ReportKinds.ImagePushed, "pushed") { Payload = new ReportedImage(ImageAction.Pushed, "r/app:1", "sha256:" + new string('b', 64)) },
            new RunEvent(Start, "Render", ReportKinds.ManifestRendered, "m") { Payload = new ReportedManifest("prod", "Deployment", "app", "out/deployment-app.yaml") },
            new RunEvent(Start, "Deploy", ReportKinds.Rollout(RolloutEventKind.WeightSet), "w") { Payload = new ReportedRolloutEvent(Start, "app", "v2", RolloutEventKind.WeightSet, "canary 30%", 30, null) });

        var html = RunReport.Render(RunRecord.FromJson(record.ToJson())!, new SecretMasker());

        Assert.Contains("sha256:" + new string('b', 64), html, StringComparison.Ordinal);
        Assert.Contains("out/deployment-app.yaml", html, StringComparison.Ordinal);
        Assert.Contains(">30%<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Other events", html, StringComparison.Ordinal);
    }
}

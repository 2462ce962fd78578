using System.Diagnostics;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Metrics;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Tests.Metrics;

/// <summary>Build metrics pushed to a real prometheus-pushgateway on loopback.</summary>
public sealed class BuildMetricsPublisherTests
{
    private const string Binary = "/usr/bin/prometheus-pushgateway";

    [Fact]
    public async Task Publish_PushesTargetDurationsOutcomesAndRolloutResult()
    {
        RequiredService.Require(File.Exists(Binary), "prometheus-pushgateway", "apt-get install prometheus-pushgateway");
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort.Next();
        using var dir = new TempDirectory("ccb-pushgateway");
        using var gateway = Process.Start(new ProcessStartInfo(Binary, [$"--web.listen-address=127.0.0.1:{port}", $"--persistence.file={dir.Combine("p")}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var url = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient();
            await WaitReadyAsync(http, url, ct);
            var now = DateTimeOffset.UnixEpoch;
            var record = new RunRecord("SampleBuild", ["Deploy"], now, now, 1, "Local",
                [new RunRecordTarget("Compile", TargetOutcome.Succeeded, 1500, 1, null), new RunRecordTarget("Deploy", TargetOutcome.Failed, 250, 1, "boom"),
                 new RunRecordTarget("Report", TargetOutcome.NotRun, 0, 0, null)],
                new Dictionary<string, string?>(),
                RolloutEnded(new RolloutOutcome("hello", "v2", RolloutPhase.Aborted)));

            await BuildMetricsPublisher.PublishAsync(url, record, new BuildConsole(new MemoryBuildOutput(), new SecretMasker()), ct);

            var metrics = await http.GetStringAsync(new Uri(url, "metrics"), ct);
            Assert.Matches(@"ccb_target_duration_seconds\{build=""SampleBuild"",instance="""",job=""ccb_build"",target=""Compile""\} 1\.5", metrics);
            Assert.Matches(@"ccb_target_success\{build=""SampleBuild"",instance="""",job=""ccb_build"",target=""Deploy""\} 0", metrics);
            Assert.Matches(@"ccb_build_exit_code\{build=""SampleBuild"",instance="""",job=""ccb_build""\} 1", metrics);
            Assert.Matches(@"ccb_rollout_success\{app=""hello"",build=""SampleBuild"",instance="""",job=""ccb_build"",result=""Aborted"",revision=""v2""\} 0", metrics);
            Assert.DoesNotContain("target=\"Report\"", metrics, StringComparison.Ordinal);
        }
        finally
        {
            gateway.Kill(entireProcessTree: true);
            await gateway.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void MetricsOf_RolloutOutcomes_OneSuccessMetricPerRollout()
    {
        var now = DateTimeOffset.UnixEpoch;
        var record = new RunRecord("SampleBuild", ["Deploy"], now, now, 0, "Local", [], new Dictionary<string, string?>(),
            [.. RolloutEnded(new RolloutOutcome("hello", "v1", RolloutPhase.Completed)), .. RolloutEnded(new RolloutOutcome("hello", "v2", RolloutPhase.Failed))]);

        var success = BuildMetricsPublisher.MetricsOf(record).Where(m => m.Name == "ccb_rollout_success").ToList();

        Assert.Equal([("v1", "Completed", 1.0), ("v2", "Failed", 0.0)], success.Select(m => (m.Labels["revision"], m.Labels["result"], m.Value)));
    }

    /// <summary>The run record's events for a rollout that ended, as the host's rollout event adapter writes them.</summary>
    private static IReadOnlyList<RunEvent> RolloutEnded(RolloutOutcome outcome)
    {
        var log = new RunEventLog(TimeProvider.System, () => "Deploy");
        var kind = outcome.Phase switch { RolloutPhase.Completed => RolloutEventKind.Completed, RolloutPhase.Failed => RolloutEventKind.Failed, _ => RolloutEventKind.Aborted };
        new RunRecordRolloutEvents(log).Publish(new RolloutEvent(DateTimeOffset.UnixEpoch, outcome.App, kind, "ended", outcome.Revision) { Outcome = outcome });
        return log.Events;
    }

    private static async Task WaitReadyAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            Assert.True(i < 100, "the Pushgateway did not become ready in 10 s");
            try
            {
                using var response = await http.GetAsync(new Uri(url, "-/ready"), ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, ct);
        }
    }
}

using ContainerCloudBuild.Harbor.Tests.Support;

namespace ContainerCloudBuild.Harbor.Tests;

public sealed class ScanTests
{
    private static readonly string Digest = "sha256:" + new string('c', 64);

    [Fact]
    public async Task ScanAndWait_ScanProgresses_ReturnsSuccessWithCounts()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "team/app", Digest, ["1.0.0"], pollsUntilScanned: 3,
            vulnerabilities: new Dictionary<string, int> { ["Critical"] = 1, ["High"] = 2, ["Low"] = 4 });

        var scan = await h.Client.ScanAndWaitAsync("team", "team/app", "1.0.0", TimeSpan.FromSeconds(10), HarborTestContext.Ct);

        Assert.Equal("Success", scan.Status);
        Assert.Equal(1, scan.CountOf(Severity.Critical));
        Assert.Equal(2, scan.CountOf(Severity.High));
        Assert.Equal(4, scan.CountOf(Severity.Low));
        Assert.Equal(7, scan.Total);
        Assert.Single(h.Server.RequestsFor("scanArtifact"));
        Assert.Equal(3, h.Server.RequestsFor("getArtifact").Count()); // Pending, Running, Success
        Assert.Contains(h.Logger.Lines, l => l.Contains("is Running", StringComparison.Ordinal));
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task WaitForScan_NeverFinishes_TimesOutWithLastStatus()
    {
        var clock = new SteppingTimeProvider();
        await using var h = new HarborTestContext(o => o with { ScanPollInterval = TimeSpan.FromMilliseconds(100) }, clock);
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"], pollsUntilScanned: null);
        await h.Client.ScanAsync("team", "app", "1.0.0", HarborTestContext.Ct);

        var error = await Assert.ThrowsAsync<HarborScanTimeoutException>(
            () => h.Client.WaitForScanAsync("team", "app", "1.0.0", TimeSpan.FromSeconds(1), HarborTestContext.Ct));

        Assert.Equal("Running", error.LastStatus);
        Assert.Equal(TimeSpan.FromSeconds(1), error.Timeout);
        Assert.Contains("did not finish within 00:00:01 (11 polls); last status: 'Running'", error.Message, StringComparison.Ordinal);
        Assert.Contains("team/app@1.0.0", error.Message, StringComparison.Ordinal);
        Assert.Equal(11, h.Server.RequestsFor("getArtifact").Count()); // polls at 0, 100 ms, ..., 1 s
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Elapsed);
        h.AssertNoSpecViolations();
    }

    [Fact]
    public async Task ScanGate_AfterRealScan_FailsOnCriticalAndPrintsCounts()
    {
        await using var h = new HarborTestContext();
        h.Server.Model.AddArtifact("team", "app", Digest, ["1.0.0"], pollsUntilScanned: 1,
            vulnerabilities: new Dictionary<string, int> { ["Critical"] = 1, ["Medium"] = 3 });
        var scan = await h.Client.ScanAndWaitAsync("team", "app", Digest, TimeSpan.FromSeconds(10), HarborTestContext.Ct);

        var gate = ScanGate.Evaluate(scan, Severity.High);

        Assert.False(gate.Passed);
        Assert.Equal(1, gate.BlockingCount);
        Assert.Equal("Scan gate FAILED (threshold High, scan Success): Critical 1, High 0, Medium 3, Low 0, Negligible 0, Unknown 0; total 4. 1 vulnerabilities at or above High",
            gate.ToString());
        h.AssertNoSpecViolations();
    }
}

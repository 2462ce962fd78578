namespace ContainerCloudBuild.Harbor.Tests;

public sealed class ScanGateTests
{
    private static ScanOverview Scan(string status, params (Severity Severity, int Count)[] counts) =>
        new(status, counts.ToDictionary(c => c.Severity, c => c.Count), counts.Sum(c => c.Count), 0, null, "r", 100);

    [Fact]
    public void Evaluate_OnlyBelowThreshold_Passes()
    {
        var gate = ScanGate.Evaluate(Scan("Success", (Severity.Medium, 2), (Severity.Low, 5)), Severity.High);
        Assert.True(gate.Passed);
        Assert.Equal(0, gate.BlockingCount);
        Assert.StartsWith("Scan gate passed (threshold High, scan Success): Critical 0, High 0, Medium 2, Low 5", gate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Severity.High, 1, false)]
    [InlineData(Severity.Medium, 3, false)]
    [InlineData(Severity.Critical, 0, true)]
    [InlineData(Severity.Unknown, 3, false)]
    public void Evaluate_AtOrAboveThreshold_CountsBlocking(Severity threshold, int blocking, bool passed)
    {
        var gate = ScanGate.Evaluate(Scan("Success", (Severity.High, 1), (Severity.Medium, 2)), threshold);
        Assert.Equal(blocking, gate.BlockingCount);
        Assert.Equal(passed, gate.Passed);
    }

    [Theory]
    [InlineData("Error")]
    [InlineData("Running")]
    [InlineData(ScanOverview.NotScanned)]
    public void Evaluate_ScanNotSuccessful_Fails(string status)
    {
        var gate = ScanGate.Evaluate(Scan(status), Severity.Critical);
        Assert.False(gate.Passed);
        Assert.Contains($"The scan did not succeed ('{status}')", gate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ThresholdNone_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanGate.Evaluate(Scan("Success"), Severity.None));
}

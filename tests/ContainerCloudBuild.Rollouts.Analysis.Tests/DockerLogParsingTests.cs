using ContainerCloudBuild.Rollouts.DockerHost.Docker;

namespace ContainerCloudBuild.Rollouts.Analysis.Tests;

public sealed class DockerLogParsingTests
{
    [Fact]
    public void Parse_TimestampedChunks_SplitsLinesAndKeepsNanosecondTimestamps()
    {
        var lines = DockerContainerLogSource.Parse(["2026-11-27T01:02:03.123456789Z starting\n2026-11-27T01:02:04.5Z ERROR x\n", "continued\n"]).ToList();

        Assert.Equal(["starting", "ERROR x", "continued"], lines.Select(l => l.Text));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), lines[0].Timestamp);
        Assert.Equal(lines[1].Timestamp, lines[2].Timestamp);
    }
}

using ContainerCloudBuild.Images.Tests.Support;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Images.Tests;

/// <summary>The engine's classic build stream, as it arrives, summarised to one line per step.</summary>
public sealed class BuildProgressTests
{
    private const string Forwarding = "[Warning] IPv4 forwarding is disabled. Networking will not work.";

    private static JSONMessage Stream(string text) => new() { Stream = text + "\n" };

    private static (BuildProgress Progress, ListLogger<DockerImageBuilder> Log, FakeTimeProvider Time) Create()
    {
        var time = new FakeTimeProvider();
        var log = new ListLogger<DockerImageBuilder>();
        return (new BuildProgress(log, time), log, time);
    }

    private static IEnumerable<string> At(ListLogger<DockerImageBuilder> log, LogLevel level) =>
        log.Entries.Where(e => e.Level == level).Select(e => e.Message);

    [Fact]
    public void Report_ClassicStream_OneLinePerStepWithCacheHitOrTime()
    {
        var (progress, log, time) = Create();

        progress.Report(Stream("Step 1/3 : FROM base"));
        progress.Report(Stream(" ---> 1a2b3c4d5e6f"));
        progress.Report(Stream("Step 2/3 : COPY app/ /app/"));
        progress.Report(Stream(" ---> Using cache"));
        progress.Report(Stream(" ---> 2b3c4d5e6f7a"));
        progress.Report(Stream("Step 3/3 : RUN make"));
        progress.Report(Stream(" ---> Running in 0123456789ab"));
        time.Advance(TimeSpan.FromMilliseconds(1250));
        progress.Report(Stream("compiled 12 files"));
        progress.Report(Stream("Removing intermediate container 0123456789ab"));
        progress.Report(Stream(" ---> 3c4d5e6f7a8b"));
        progress.Report(Stream("Successfully built 3c4d5e6f7a8b"));
        progress.Complete();

        Assert.Equal(
            ["Step 1/3 : FROM base (0.00 s)", "Step 2/3 : COPY app/ /app/ (cached)", "Step 3/3 : RUN make (1.25 s)"],
            At(log, LogLevel.Information));
        Assert.Contains("compiled 12 files", At(log, LogLevel.Debug));
    }

    [Fact]
    public void Report_EngineRepeatsAWarningOnEveryStep_ShownOnce()
    {
        var (progress, log, _) = Create();

        foreach (var step in new[] { "Step 1/2 : RUN a", "Step 2/2 : RUN b" })
        {
            progress.Report(Stream(step));
            progress.Report(Stream(" ---> " + Forwarding));
            progress.Report(Stream(" ---> Running in 0123456789ab"));
        }
        progress.Complete();

        Assert.Equal(["Docker: " + Forwarding], At(log, LogLevel.Warning));
        Assert.Equal(2, At(log, LogLevel.Information).Count());
    }

    [Fact]
    public void Report_ErrorInAStep_NamesTheStepAndShowsItsLastOutput()
    {
        var (progress, log, _) = Create();

        progress.Report(Stream("Step 1/2 : FROM base"));
        progress.Report(Stream("Step 2/2 : RUN ./test.sh"));
        progress.Report(Stream(" ---> Running in 0123456789ab"));
        for (var i = 1; i <= 15; i++)
            progress.Report(Stream($"line {i}"));
        progress.Report(new JSONMessage { Error = new JSONError { Message = "The command '/bin/sh -c ./test.sh' returned a non-zero code: 1" } });
        progress.Complete();

        Assert.Equal("Step 2/2 : RUN ./test.sh", progress.CurrentStep);
        var errors = At(log, LogLevel.Error).ToList();
        Assert.Equal("Build error at Step 2/2 : RUN ./test.sh: The command '/bin/sh -c ./test.sh' returned a non-zero code: 1", errors[0]);
        Assert.Contains("line 15", errors[1], StringComparison.Ordinal);
        Assert.Contains("line 6", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain("line 5\n", errors[1] + "\n", StringComparison.Ordinal);
        Assert.Equal(["Step 1/2 : FROM base (0.00 s)", "Step 2/2 : RUN ./test.sh (failed)"], At(log, LogLevel.Information));
    }
}

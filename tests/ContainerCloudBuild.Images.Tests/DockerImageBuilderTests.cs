using ContainerCloudBuild.Images.Tests.Support;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images.Tests;

public sealed class DockerImageBuilderTests
{
    [Fact]
    public async Task BuildAsync_BusyboxImage_AppliesTagsLabelsAndBuildArgs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var context = TestContexts.Create("ARG GREETING=none", "LABEL greeting=$GREETING", "ENTRYPOINT [\"/bin/busybox\"]");
        var tag = docker.Track($"{DockerHost.UniqueName()}:1.0.0");
        var logger = new ListLogger<DockerImageBuilder>();

        var result = await new DockerImageBuilder(docker.Client, logger).BuildAsync(new ImageBuildRequest
        {
            ContextDirectory = context.Path,
            Tags = [tag],
            BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hello" },
            Labels = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc123" },
        }, ct);

        var image = await docker.Client.Images.InspectImageAsync(tag, ct);
        Assert.Equal(image.ID, result.ImageId);
        Assert.StartsWith("sha256:", result.ImageId, StringComparison.Ordinal);
        Assert.Equal("hello", image.Config!.Labels!["greeting"]);
        Assert.Equal("abc123", image.Config!.Labels!["org.opencontainers.image.revision"]);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Step 2/", StringComparison.Ordinal) && e.Message.Contains(": COPY busybox /bin/busybox (", StringComparison.Ordinal));
        Assert.DoesNotContain("hello", string.Join('\n', logger.Entries.Where(e => !e.Message.Contains("LABEL", StringComparison.Ordinal)).Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_TargetStage_StopsAtThatStage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var context = TestContexts.Create("LABEL stage=base", "FROM scratch AS final", "LABEL stage=final");
        context.WriteFile("Dockerfile", "FROM scratch AS base\nCOPY busybox /bin/busybox\nLABEL stage=base\nFROM base AS final\nLABEL stage=final\n");
        var tag = docker.Track($"{DockerHost.UniqueName()}:target");

        await new DockerImageBuilder(docker.Client, new ListLogger<DockerImageBuilder>())
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [tag], Target = "base" }, ct);

        var image = await docker.Client.Images.InspectImageAsync(tag, ct);
        Assert.Equal("base", image.Config!.Labels!["stage"]);
    }

    [Fact]
    public async Task BuildAsync_NoCache_DoesNotReuseLayers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var context = TestContexts.Create($"LABEL unique={Guid.NewGuid():N}");
        var tag = docker.Track($"{DockerHost.UniqueName()}:cache");
        var request = new ImageBuildRequest { ContextDirectory = context.Path, Tags = [tag] };
        var first = await new DockerImageBuilder(docker.Client, new ListLogger<DockerImageBuilder>()).BuildAsync(request, ct);
        docker.Track(first.ImageId);

        var cached = new ListLogger<DockerImageBuilder>();
        var second = await new DockerImageBuilder(docker.Client, cached).BuildAsync(request, ct);
        var uncached = new ListLogger<DockerImageBuilder>();
        var third = await new DockerImageBuilder(docker.Client, uncached).BuildAsync(request with { NoCache = true }, ct);
        docker.Track(third.ImageId);

        Assert.Contains("Using cache", cached.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain("Using cache", uncached.AllText, StringComparison.Ordinal);
        Assert.Equal(first.ImageId, second.ImageId);
        Assert.NotEqual(first.ImageId, third.ImageId);
    }

    [Fact]
    public async Task BuildAsync_FailingRunStep_ThrowsNamingTheStep()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var context = TestContexts.Create("RUN [\"/bin/busybox\", \"false\"]", "LABEL never=reached");
        var tag = docker.Track($"{DockerHost.UniqueName()}:broken");

        var logger = new ListLogger<DockerImageBuilder>();

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() => new DockerImageBuilder(docker.Client, logger)
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [tag], NetworkMode = "none" }, ct));
        docker.TrackIntermediates(logger.AllText);

        Assert.Equal("Step 3/4 : RUN [\"/bin/busybox\", \"false\"]", ex.FailedStep);
        Assert.Contains("Step 3/4", ex.Message, StringComparison.Ordinal);
        Assert.Contains("non-zero code: 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_UnknownBaseImage_ThrowsWithEngineMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        using var context = TestContexts.Create();
        context.WriteFile("Dockerfile", $"FROM 127.0.0.1:1/ccb-missing/{Guid.NewGuid():N}:none\n");

        var ex = await Assert.ThrowsAsync<ImageBuildException>(() => new DockerImageBuilder(docker.Client, new ListLogger<DockerImageBuilder>())
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path }, ct));

        Assert.Contains("Step 1/1 : FROM 127.0.0.1:1/ccb-missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_Cancelled_AbortsTheRunningBuild()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var docker = await DockerHost.RequireAsync();
        var marker = Random.Shared.Next(900_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var context = TestContexts.Create($"RUN [\"/bin/busybox\", \"sleep\", \"{marker}\"]");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var logger = new ListLogger<DockerImageBuilder>((_, message) =>
        {
            if (message.StartsWith("---> Running in", StringComparison.Ordinal))
                cts.CancelAfter(TimeSpan.FromMilliseconds(500));
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new DockerImageBuilder(docker.Client, logger)
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [docker.Track($"{DockerHost.UniqueName()}:cancel")], NetworkMode = "none" }, cts.Token));

        docker.TrackIntermediates(logger.AllText);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"cancellation took {clock.Elapsed}");
        Assert.True(await NoContainerRunsAsync(docker, marker, ct), $"a build container running 'sleep {marker}' is still alive");
    }

    private static async Task<bool> NoContainerRunsAsync(DockerHost docker, string marker, CancellationToken ct)
    {
        for (var i = 0; i < 40; i++)
        {
            var containers = (await docker.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct))
                .Where(c => c.Command.Contains(marker, StringComparison.Ordinal))
                .ToList();
            if (!containers.Any(c => c.State == "running"))
            {
                foreach (var leftover in containers)
                {
                    try
                    {
                        await docker.Client.Containers.RemoveContainerAsync(leftover.ID, new ContainerRemoveParameters { Force = true }, ct);
                    }
                    catch (Docker.DotNet.DockerContainerNotFoundException)
                    {
                        // The engine removed the stopped build container itself in the meantime.
                    }
                    catch (Docker.DotNet.DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
                    {
                        // The engine is removing it itself right now ("removal of container ... is already in progress").
                    }
                }
                return true;
            }
            await Task.Delay(250, ct);
        }
        return false;
    }
}

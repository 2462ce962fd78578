using System.Diagnostics;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Images;
using ContainerCloudBuild.Rollouts;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.InnerLoop;

/// <summary>Per-step wall times of one pass through the loop (seconds); Total ends when /version answers the new value.</summary>
sealed record LoopTiming(double Publish, double Build, double Push, double Start, double Health, double Switch, double Total, long ContextBytes);

/// <summary>
/// One pass through the product's own path: publish -> image build (DockerImageBuilder) -> push by digest
/// (DockerImagePusher) -> blue-green <see cref="DockerHostDeploy.RolloutAsync"/> -> poll /version until the new value.
/// </summary>
sealed class InnerLoopRunner(DockerHostDeploy deploy, RunEventLog events, DockerImageBuilder builder, DockerImagePusher pusher, string registry, string workDirectory)
{
    public async Task<LoopTiming> RunAsync(ImageLayout layout, SampleCopy sample, ServiceDefinition service, string marker, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await sample.EditAsync(marker, cancellationToken);
        var context = Path.Combine(workDirectory, "context-" + layout.Name);
        var app = Path.Combine(context, "app");
        if (Directory.Exists(app))
            Directory.Delete(app, recursive: true); // the context carries this publish's output only
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), layout.Dockerfile, cancellationToken);
        var publish = await SampleCopy.RunDotNetAsync(layout.PublishArguments(sample.Project, app), cancellationToken);
        var contextBytes = Directory.EnumerateFiles(context, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

        var step = Stopwatch.StartNew();
        var tagged = new ImageReference(registry, layout.Repository).WithTag(marker);
        await builder.BuildAsync(new ImageBuildRequest
        {
            ContextDirectory = context,
            Tags = [tagged.ToString()],
            BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = layout.BaseImage, ["APP_VERSION"] = "bench" },
        }, cancellationToken);
        var build = step.Elapsed;
        step.Restart();
        var pushed = await pusher.PushAsync(tagged, credentials: null, cancellationToken);
        var push = step.Elapsed;

        var expected = $"bench+{marker}";
        var deployStarted = DateTimeOffset.UtcNow;
        var beforeDeploy = total.Elapsed;
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var served = PollUntilAsync(service.Rollout.RouterPort, expected, stopPolling.Token);
        var rollout = deploy.RolloutAsync(service, pushed, DeployStrategy.BlueGreen, cancellationToken);
        if (await Task.WhenAny(served, rollout) == rollout && !rollout.Result.Succeeded)
        {
            await stopPolling.CancelAsync();
            throw new InvalidOperationException($"{layout.Name} {marker}: {rollout.Result.Message}");
        }
        var servedAfter = await served;
        var result = await rollout;
        if (!result.Succeeded)
            throw new InvalidOperationException($"{layout.Name} {marker}: {result.Message}");

        double At(string kind) => (events.Events.First(e => e.At >= deployStarted && e.Kind == "rollout." + kind).At - deployStarted).TotalSeconds;
        var candidateStarted = At(nameof(RolloutEventKind.CandidateStarted));
        var healthy = At(nameof(RolloutEventKind.Healthy));
        return new LoopTiming(publish.TotalSeconds, build.TotalSeconds, push.TotalSeconds, candidateStarted, healthy - candidateStarted,
            servedAfter.TotalSeconds - healthy, (beforeDeploy + servedAfter).TotalSeconds, contextBytes);
    }

    /// <summary>Time from now until the router answers <paramref name="expected"/> (polled every 10 ms).</summary>
    private static async Task<TimeSpan> PollUntilAsync(int routerPort, string expected, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var url = new Uri($"http://127.0.0.1:{routerPort}/version");
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetStringAsync(url, cancellationToken)).Trim() == expected)
                    return watch.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(10, cancellationToken);
        }
    }
}

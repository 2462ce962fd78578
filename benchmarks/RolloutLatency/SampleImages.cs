using System.Diagnostics;
using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Images;
using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>
/// Two versions of the sample service built as the Demo builds them (framework-dependent app on the local runtime image),
/// pushed by digest; <c>readyToRun</c> true / false overrides the project's PublishReadyToRun for an A/B (null: as the project says).
/// </summary>
static class SampleImages
{
    private const string Repository = "bench/hello-service-latency";

    public static async Task<IReadOnlyList<ImageReference>> BuildAsync(IDockerClient docker, string root, string registry, string work, bool? readyToRun, string tagSuffix, CancellationToken cancellationToken)
    {
        var builder = new DockerImageBuilder(docker, NullLogger<DockerImageBuilder>.Instance);
        var pusher = new DockerImagePusher(docker, NullLogger<DockerImagePusher>.Instance, TimeProvider.System);
        var baseState = Path.Combine(root, ".state", "base-image");
        await new BaseImageBuilder(docker, NullLogger.Instance).BuildAsync(BaseImageBuilder.DefaultImage, baseState, rebuild: false, cancellationToken);
        var runtimeImage = DotNetRuntimeImageBuilder.ImageFor(registry, DotNetInstallation.Current());
        await new DotNetRuntimeImageBuilder(docker, builder, NullLogger.Instance)
            .BuildAsync(runtimeImage, BaseImageBuilder.DefaultImage, DotNetInstallation.Current(), baseState, rebuild: false, cancellationToken);

        var sample = Path.Combine(root, "samples", "hello-service");
        var context = Path.Combine(work, "context" + tagSuffix);
        var publish = SamplePublish.Arguments(Path.Combine(sample, "hello-service.csproj"), Path.Combine(context, "app"));
        if (readyToRun is { } r2r) // the A/B overrides the sample project's own setting
            publish = [.. publish, $"-p:PublishReadyToRun={(r2r ? "true" : "false")}"];
        await RunDotNetAsync(publish, cancellationToken);
        File.Copy(Path.Combine(sample, "Dockerfile"), Path.Combine(context, "Dockerfile"), overwrite: true);
        var images = new List<ImageReference>();
        foreach (var version in new[] { "latency-a" + tagSuffix, "latency-b" + tagSuffix })
        {
            var tagged = new ImageReference(registry, Repository).WithTag(version);
            await builder.BuildAsync(new ImageBuildRequest
            {
                ContextDirectory = context,
                Tags = [tagged.ToString()],
                BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = runtimeImage, ["APP_VERSION"] = version },
            }, cancellationToken);
            images.Add(await pusher.PushAsync(tagged, credentials: null, cancellationToken));
        }
        return images;
    }

    /// <summary>Earlier runs' images of the benchmark's repository that no container uses any more (the one serving stays).</summary>
    public static async Task RemoveUnusedAsync(IDockerClient docker, string registry, CancellationToken cancellationToken)
    {
        var repository = $"{registry}/{Repository}";
        var images = await docker.Images.ListImagesAsync(new Docker.DotNet.Models.ImagesListParameters(), cancellationToken);
        foreach (var image in images.Where(i => (i.RepoDigests ?? []).Concat(i.RepoTags ?? []).Any(r => r.StartsWith(repository, StringComparison.Ordinal))))
        {
            if ((image.RepoTags ?? []).Any(t => t.StartsWith(repository + ":", StringComparison.Ordinal)))
                continue; // this run's tags
            try { await docker.Images.DeleteImageAsync(image.ID, new Docker.DotNet.Models.ImageDeleteParameters(), cancellationToken); }
            catch (DockerApiException) { } // still used by a container
        }
    }

    private static async Task RunDotNetAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:{Environment.NewLine}{await stdout}{await stderr}");
    }
}

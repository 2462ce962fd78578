using ContainerCloudBuild.Abstractions;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images;

/// <summary>Builds images with the Docker engine from a Dockerfile and a <c>.dockerignore</c>-filtered context.</summary>
public sealed partial class DockerImageBuilder(IDockerClient docker, ILogger<DockerImageBuilder> logger, TimeProvider timeProvider)
{
    /// <summary>A builder that times steps with the system clock.</summary>
    public DockerImageBuilder(IDockerClient docker, ILogger<DockerImageBuilder> logger)
        : this(docker, logger, TimeProvider.System)
    {
    }

    /// <summary>
    /// Checks the request (context, Dockerfile, tags) before sending anything, streams the context
    /// as a tar, logs the engine's progress and fails with <see cref="ImageBuildException"/> naming
    /// the failing step when the stream reports an error. Cancelling aborts the build.
    /// </summary>
    public async Task<ImageBuildResult> BuildAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (context, dockerfile) = Validate(request);

        var tarPath = Path.Combine(Path.GetTempPath(), $"ccb-context-{Guid.NewGuid():N}.tar");
        var tar = new FileStream(tarPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (tar.ConfigureAwait(false))
        {
            var archive = await BuildContextArchive.WriteAsync(context, dockerfile, tar, cancellationToken).ConfigureAwait(false);
            tar.Position = 0;
            LogSending(logger, context, archive.Entries.Count, tar.Length);

            var progress = new BuildProgress(logger, timeProvider);
            var parameters = new ImageBuildParameters
            {
                Dockerfile = archive.DockerfileName,
                Tags = [.. request.Tags],
                BuildArgs = request.BuildArgs.ToDictionary(),
                Labels = request.Labels.ToDictionary(),
                Target = request.Target,
                NoCache = request.NoCache,
                NetworkMode = request.NetworkMode,
                Remove = true,
                ForceRemove = true,
            };
            try
            {
                await docker.Images.BuildImageFromDockerfileAsync(parameters, tar, [], new Dictionary<string, string>(), progress, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (DockerApiException ex)
            {
                throw new ImageBuildException(
                    $"Docker refused to build {Describe(request)} from '{dockerfile}' ({(int)ex.StatusCode}): {ex.ResponseBody?.Trim()}", progress.CurrentStep, ex);
            }

            progress.Complete();
            if (progress.Error is { } error)
            {
                var step = progress.CurrentStep is null ? "" : $" at '{progress.CurrentStep}'";
                throw new ImageBuildException($"Building {Describe(request)} from '{dockerfile}' failed{step}: {error}", progress.CurrentStep);
            }
            var imageId = progress.ImageId ?? await InspectIdAsync(request, cancellationToken).ConfigureAwait(false);
            LogBuilt(logger, imageId, string.Join(", ", request.Tags));
            return new ImageBuildResult(imageId, request.Tags, archive.Entries);
        }
    }

    private static (string Context, string Dockerfile) Validate(ImageBuildRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ContextDirectory))
            throw new ImageBuildException("The build context directory is empty: set ImageBuildRequest.ContextDirectory.");
        var context = Path.GetFullPath(request.ContextDirectory);
        if (!Directory.Exists(context))
            throw new ImageBuildException($"Build context directory '{context}' does not exist. Check ImageBuildRequest.ContextDirectory (relative paths are resolved from '{Environment.CurrentDirectory}').");
        var dockerfile = Path.GetFullPath(request.Dockerfile, context);
        if (!File.Exists(dockerfile))
            throw new ImageBuildException($"Dockerfile '{dockerfile}' does not exist. Set ImageBuildRequest.Dockerfile (relative to the context '{context}').");
        foreach (var tag in request.Tags)
        {
            if (!ImageReference.TryParse(tag, out _, out var error))
                throw new ImageBuildException($"Image tag '{tag}' is not a valid image reference: {error}");
        }
        return (context, dockerfile);
    }

    private async Task<string> InspectIdAsync(ImageBuildRequest request, CancellationToken cancellationToken)
    {
        if (request.Tags.Count == 0)
            throw new ImageBuildException("The engine did not report the built image id and the request has no tag to look it up by.");
        var image = await docker.Images.InspectImageAsync(request.Tags[0], cancellationToken).ConfigureAwait(false);
        return image.ID;
    }

    private static string Describe(ImageBuildRequest request) =>
        request.Tags.Count == 0 ? "the image" : string.Join(", ", request.Tags);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending build context {Context} ({Entries} entries, {Bytes} bytes) to Docker")]
    private static partial void LogSending(ILogger logger, string context, int entries, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built image {ImageId} tagged {Tags}")]
    private static partial void LogBuilt(ILogger logger, string imageId, string tags);
}

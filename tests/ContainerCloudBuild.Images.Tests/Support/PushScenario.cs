using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Abstractions.Resilience;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Images.Tests.Support;

/// <summary>Builds the busybox test image and tags it for a registry, ready to push.</summary>
internal static class PushScenario
{
    public static async Task<ImageReference> BuildForAsync(DockerHost docker, string registryHost, CancellationToken ct)
    {
        using var context = TestContexts.Create($"LABEL ccb.test={Guid.NewGuid():N}");
        var image = ImageReference.Parse($"{registryHost}/ccb-test/{DockerHost.UniqueName("app")}:1.0.0");
        docker.Track(image.ToString());
        await new DockerImageBuilder(docker.Client, new ListLogger<DockerImageBuilder>())
            .BuildAsync(new ImageBuildRequest { ContextDirectory = context.Path, Tags = [image.ToString()] }, ct);
        return image;
    }

    public static RetryOptions FastRetry(int attempts) => new()
    {
        MaxAttempts = attempts,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(50),
    };

    public static DockerImagePusher Pusher(DockerHost docker, ILogger<DockerImagePusher> logger, RetryOptions? retry = null) =>
        new(docker.Client, logger, TimeProvider.System, retry ?? FastRetry(3));
}

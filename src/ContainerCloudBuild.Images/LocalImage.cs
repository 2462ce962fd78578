using Docker.DotNet;

namespace ContainerCloudBuild.Images;

/// <summary>Looks up an image in the local Docker engine by reference.</summary>
public static class LocalImage
{
    /// <summary>The image id of <paramref name="image"/>, or null when the engine does not have it.</summary>
    public static async Task<string?> TryInspectAsync(IDockerClient docker, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(docker);
        try
        {
            return (await docker.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }
}

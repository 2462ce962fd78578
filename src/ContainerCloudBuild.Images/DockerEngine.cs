using Docker.DotNet;

namespace ContainerCloudBuild.Images;

/// <summary>Creates Docker engine clients.</summary>
public static class DockerEngine
{
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");

    /// <summary>A client for <paramref name="endpoint"/> (default: the local unix socket) without a request timeout, so long builds and pushes are bounded only by their CancellationToken.</summary>
    public static IDockerClient CreateClient(Uri? endpoint = null) =>
        new DockerClientBuilder()
            .WithEndpoint(endpoint ?? DefaultEndpoint)
            .WithTimeout(Timeout.InfiniteTimeSpan)
            .Build();
}

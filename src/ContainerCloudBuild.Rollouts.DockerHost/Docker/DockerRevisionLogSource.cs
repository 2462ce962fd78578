using ContainerCloudBuild.Analysis.Providers.Logs;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>
/// The logs of every replica of a revision (its containers found by label at each read), merged in time order. A revision without
/// containers is an <see cref="InvalidOperationException"/> naming it (a provider error, never "0 errors").
/// </summary>
public sealed class DockerRevisionLogSource(IDockerClient docker, string app, string revision) : ILogSource
{
    public async Task<IReadOnlyList<LogLine>> ReadSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true, [$"{DockerLabels.Revision}={revision}"] = true },
            },
        }, cancellationToken).ConfigureAwait(false);
        if (containers.Count == 0)
            throw new InvalidOperationException($"Revision '{revision}' of '{app}' has no containers, so its logs cannot be read; was the revision removed?");
        var lines = await Task.WhenAll(containers.Select(c =>
            new DockerContainerLogSource(docker, c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID).ReadSinceAsync(since, cancellationToken))).ConfigureAwait(false);
        return [.. lines.SelectMany(l => l).OrderBy(l => l.Timestamp)];
    }
}

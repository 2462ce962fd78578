using global::Docker.DotNet;
using global::Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    /// <summary>CPU shares of a revision that is still starting (see <see cref="HealthCheckSpec.LowCpuWeightUntilReady"/>): 1/16 of a serving one.</summary>
    public const long StartingCpuShares = 64;

    /// <summary>Docker's default CPU shares, which every serving container has.</summary>
    public const long ServingCpuShares = 1024;

    /// <summary>The revision's replicas get the normal CPU weight (they are about to take traffic).</summary>
    private async Task GiveServingCpuWeightAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, revision.AllAddresses().Count).Select(async i =>
        {
            try
            {
                await docker.Containers.UpdateContainerAsync(DockerLabels.ContainerName(app, revision.Revision, i),
                    new ContainerUpdateParameters { CPUShares = ServingCpuShares }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                // Gone since its health check: the exit watch reports it; nothing to weigh.
            }
        })).ConfigureAwait(false);
    }
}

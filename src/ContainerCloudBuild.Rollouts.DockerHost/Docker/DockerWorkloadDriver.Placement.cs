using global::Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    /// <summary>The engine's core count, asked once per driver (<c>docker info</c> takes 30–50 ms).</summary>
    private long? _hostCores;

    /// <summary>
    /// The cpuset of each replica of a new revision (<see cref="CpuPlacement"/>) when the workload asks to be pinned, from the
    /// engine's core count and the pinned replicas running now (of every application, other revisions of this one included).
    /// </summary>
    private async Task<IReadOnlyList<string?>> PlaceAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        var replicas = Math.Max(1, workload.Replicas);
        if (!workload.PinToCores || workload.CpuLimit is null)
            return new string?[replicas];
        var cores = await HostCoresAsync(cancellationToken).ConfigureAwait(false);
        var running = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [DockerLabels.CpuSet] = true } },
        }, cancellationToken).ConfigureAwait(false);
        var pinned = running
            .Where(c => !(c.Labels.TryGetValue(DockerLabels.App, out var a) && a == app && c.Labels.TryGetValue(DockerLabels.Revision, out var r) && r == revision))
            .Select(c => PinnedReplica.FromLabels(c.Labels))
            .OfType<PinnedReplica>();
        return CpuPlacement.Choose((int)cores, workload.CpuLimit, replicas, pinned);
    }

    private async Task<long> HostCoresAsync(CancellationToken cancellationToken) =>
        _hostCores ??= (await docker.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false)).NCPU;
}

using System.Globalization;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    private const int ExitLogLines = 10;

    /// <summary>
    /// From <c>docker inspect</c> and <c>docker logs</c> of every replica: null while all run and none restarted; otherwise the first
    /// replica that is gone or exited, else the first that restarted (named when the revision has several).
    /// </summary>
    public async Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var containers = await ContainersAsync(app, revision, cancellationToken).ConfigureAwait(false);
        if (containers.Count == 0)
            return new WorkloadExit(revision) { Exists = false };
        var count = containers.Max(c => c.Labels.TryGetValue(DockerLabels.Replicas, out var n) && int.TryParse(n, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1);
        WorkloadExit? restarted = null;
        for (var index = 0; index < count; index++)
        {
            var listed = containers.FirstOrDefault(c => ReplicaIndex(c.Labels) == index);
            var name = listed?.Names.FirstOrDefault()?.TrimStart('/') ?? DockerLabels.ContainerName(app, revision, index);
            var replica = new WorkloadExit(revision) { Replica = count > 1 ? index : null, ReplicaCount = count, InstanceName = count > 1 ? name : null };
            var container = listed is null ? null : await TryInspectAsync(listed.ID, cancellationToken).ConfigureAwait(false);
            if (container is null)
                return replica with { Exists = false };
            var exit = await DescribeAsync(replica, name, container, cancellationToken).ConfigureAwait(false);
            if (exit is { Running: false })
                return exit;
            restarted ??= exit;
        }
        return restarted;
    }

    private async Task<WorkloadExit?> DescribeAsync(WorkloadExit replica, string name, ContainerInspectResponse container, CancellationToken cancellationToken)
    {
        var state = container.State;
        var running = state?.Running == true && state.Restarting != true;
        if (running && container.RestartCount == 0)
            return null;
        return replica with
        {
            Running = running,
            ExitCode = running && state?.ExitCode == 0 ? null : (int?)state?.ExitCode,
            OomKilled = state?.OOMKilled == true,
            FinishedAt = ParseDockerTime(state?.FinishedAt),
            RestartCount = (int)container.RestartCount,
            Error = string.IsNullOrWhiteSpace(state?.Error) ? null : state.Error,
            LastLogs = await LastLogLinesAsync(name, ExitLogLines, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Docker reports "0001-01-01T00:00:00Z" for a container that never finished.</summary>
    private static DateTimeOffset? ParseDockerTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year > 1 ? at : null;
}

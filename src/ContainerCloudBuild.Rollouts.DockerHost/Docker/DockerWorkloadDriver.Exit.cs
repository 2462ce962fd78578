using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    private const int ExitLogLines = 10;

    /// <summary>From <c>docker inspect</c> and <c>docker logs</c>: null while the container runs and never restarted.</summary>
    public async Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var name = DockerLabels.ContainerName(app, revision);
        var container = await TryInspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (container is null)
            return new WorkloadExit(revision) { Exists = false };
        var state = container.State;
        var running = state?.Running == true && state.Restarting != true;
        if (running && container.RestartCount == 0)
            return null;
        return new WorkloadExit(revision)
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

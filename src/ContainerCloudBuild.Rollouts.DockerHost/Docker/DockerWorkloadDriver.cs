using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>
/// Runs each revision as one container on the local Docker engine: host networking, a free port on
/// 127.0.0.1 per revision passed as <c>PORT</c>, labels naming app/revision/port, env and limits from the spec, restart policy unless-stopped.
/// </summary>
public sealed partial class DockerWorkloadDriver(IDockerClient docker, HttpClient http, TimeProvider timeProvider, ILogger logger) : IWorkloadDriver
{
    public async Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var name = DockerLabels.ContainerName(app, revision);
        var existing = await TryInspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is { State.Running: true, Config.Labels: not null } && existing.Config.Labels.TryGetValue(DockerLabels.Image, out var runningImage) && runningImage == workload.Image)
            return ToRevision(existing.Config.Labels, existing.Image);
        if (existing is not null)
            await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);

        var image = await docker.Images.InspectImageAsync(workload.Image, cancellationToken).ConfigureAwait(false);
        var port = FreeLoopbackPort();
        var labels = new Dictionary<string, string>
        {
            [DockerLabels.App] = app,
            [DockerLabels.Revision] = revision,
            [DockerLabels.Port] = port.ToString(CultureInfo.InvariantCulture),
            [DockerLabels.Image] = workload.Image,
            [DockerLabels.StartedAt] = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        var env = workload.Environment.Select(e => $"{e.Key}={e.Value}")
            .Append($"PORT={port}").Append($"APP_REVISION={revision}").ToList();
        var quota = workload.CpuLimit is { } cpus ? CpuQuota.For(cpus) : (CpuQuota?)null;
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = workload.Image,
            Env = env,
            Labels = labels,
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Init = true, // tini as PID 1 forwards SIGTERM, so stopping is graceful and quick
                // Back after an engine restart or a reboot, on the same port (host networking, PORT in its env).
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                Memory = workload.MemoryLimitBytes ?? 0,
                // Period and quota rather than NanoCPUs (--cpus): the same limit over a 10 ms period instead of 100 ms (see CpuQuota).
                CPUPeriod = quota?.PeriodMicroseconds ?? 0,
                CPUQuota = quota?.QuotaMicroseconds ?? 0,
            },
        }, cancellationToken).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        LogStarted(logger, name, port, workload.Image);
        return ToRevision(labels, image.ID, image.RepoDigests);
    }

    public async Task StopAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var name = DockerLabels.ContainerName(app, revision);
        var existing = await TryInspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
            return;
        if (existing.State?.Running == true)
            await docker.Containers.StopContainerAsync(existing.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 5 }, cancellationToken).ConfigureAwait(false);
        await docker.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true } },
        }, cancellationToken).ConfigureAwait(false);
        return [.. containers.Select(c => ToRevision(c.Labels, c.ImageID))];
    }

    private async Task<ContainerInspectResponse?> TryInspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private static RevisionInfo ToRevision(IDictionary<string, string> labels, string imageId, IList<string>? repoDigests = null) => new()
    {
        Revision = labels[DockerLabels.Revision],
        Image = labels[DockerLabels.Image],
        Digest = repoDigests?.Select(d => d[(d.IndexOf('@', StringComparison.Ordinal) + 1)..]).FirstOrDefault() ?? imageId,
        Address = $"127.0.0.1:{labels[DockerLabels.Port]}",
        StartedAt = labels.TryGetValue(DockerLabels.StartedAt, out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
    };

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started container {Name} on 127.0.0.1:{Port} from {Image}")]
    private static partial void LogStarted(ILogger logger, string name, int port, string image);
}

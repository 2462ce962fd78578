using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>
/// Runs each revision as <see cref="WorkloadSpec.Replicas"/> containers on the local Docker engine: host networking, each replica on
/// its own free port on 127.0.0.1 passed as <c>PORT</c> and <c>ASPNETCORE_HTTP_PORTS</c>, labels naming app/revision/replica/port,
/// env and limits from the spec, restart policy unless-stopped.
/// </summary>
public sealed partial class DockerWorkloadDriver(IDockerClient docker, HttpClient http, TimeProvider timeProvider, ILogger logger) : IWorkloadDriver
{
    /// <summary>Keeps the replicas that run the same image at their index; removes the others (other image, stopped, surplus) and starts the missing ones.</summary>
    public async Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var count = Math.Max(1, workload.Replicas);
        var kept = new Dictionary<int, IDictionary<string, string>>();
        foreach (var container in await ContainersAsync(app, revision, cancellationToken).ConfigureAwait(false))
        {
            if (ReplicaIndex(container.Labels) is var index && index < count && container.State == "running" && !kept.ContainsKey(index)
                && container.Labels.TryGetValue(DockerLabels.Image, out var runningImage) && runningImage == workload.Image
                && container.Labels.ContainsKey(DockerLabels.Replica))
                kept[index] = container.Labels;
            else
                await docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }

        var image = await docker.Images.InspectImageAsync(workload.Image, cancellationToken).ConfigureAwait(false);
        var ports = new HashSet<int>(kept.Values.Select(Port));
        var placement = kept.Count == count ? new string?[count] : await PlaceAsync(app, revision, workload, cancellationToken).ConfigureAwait(false);
        // Ports are chosen one after the other (each distinct), the missing replicas then created and started at once.
        var missing = Enumerable.Range(0, count).Where(i => !kept.ContainsKey(i)).Select(i => (Index: i, Port: FreeLoopbackPort(ports))).ToList();
        var replicas = new IDictionary<string, string>[count];
        foreach (var (index, labels) in kept)
            replicas[index] = labels;
        await Task.WhenAll(missing.Select(async m =>
            replicas[m.Index] = await StartReplicaAsync(app, revision, m.Index, count, m.Port, placement[m.Index], workload, cancellationToken).ConfigureAwait(false)))
            .ConfigureAwait(false);
        return ToRevision(replicas, image.ID, image.RepoDigests);
    }

    private async Task<IDictionary<string, string>> StartReplicaAsync(
        string app, string revision, int index, int count, int port, string? cpuSet, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        var name = DockerLabels.ContainerName(app, revision, index);
        var inv = CultureInfo.InvariantCulture;
        var labels = new Dictionary<string, string>
        {
            [DockerLabels.App] = app,
            [DockerLabels.Revision] = revision,
            [DockerLabels.Replica] = index.ToString(inv),
            [DockerLabels.Replicas] = count.ToString(inv),
            [DockerLabels.Port] = port.ToString(inv),
            [DockerLabels.Image] = workload.Image,
            [DockerLabels.StartedAt] = timeProvider.GetUtcNow().ToString("O", inv),
        };
        if (cpuSet is not null)
            labels[DockerLabels.CpuSet] = cpuSet;
        if (workload.CpuLimit is { } limit)
            labels[DockerLabels.CpuLimit] = limit.ToString("R", inv);
        // Host networking: every replica needs its own port, so the app is told it (containerPort of the values cannot apply).
        var env = workload.Environment.Select(e => $"{e.Key}={e.Value}")
            .Append($"PORT={port}").Append($"ASPNETCORE_HTTP_PORTS={port}").Append($"APP_NAME={app}").Append($"APP_REVISION={revision}").Append($"APP_REPLICA={index}").ToList();
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
                CpusetCpus = cpuSet ?? "", // pinned to its cores (CpuPlacement) or free to run on any
                CPUShares = workload.HealthCheck.LowCpuWeightUntilReady ? StartingCpuShares : 0, // raised once ready (DockerWorkloadDriver.CpuWeight)
            },
        }, cancellationToken).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        LogStarted(logger, name, port, workload.Image);
        return labels;
    }

    /// <summary>Stops every replica of the revision at once (each gets SIGTERM and 5 s), then removes them.</summary>
    public async Task StopAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var containers = await ContainersAsync(app, revision, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(containers.Select(async c =>
        {
            if (c.State == "running")
                await docker.Containers.StopContainerAsync(c.ID, new ContainerStopParameters { WaitBeforeKillSeconds = 5 }, cancellationToken).ConfigureAwait(false);
            await docker.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
    }

    /// <summary>One entry per revision: its replicas' addresses in replica order and how many of them run.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var containers = await ContainersAsync(app, null, cancellationToken).ConfigureAwait(false);
        return [.. containers.GroupBy(c => c.Labels[DockerLabels.Revision], StringComparer.Ordinal).Select(g =>
        {
            var replicas = g.OrderBy(c => ReplicaIndex(c.Labels)).ToList();
            return ToRevision([.. replicas.Select(c => c.Labels)], replicas[0].ImageID) with { RunningReplicas = replicas.Count(c => c.State == "running") };
        })];
    }

    /// <summary>The containers of an application (all revisions when <paramref name="revision"/> is null), running or not, from their labels.</summary>
    private async Task<IList<ContainerListResponse>> ContainersAsync(string app, string? revision, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true };
        if (revision is not null)
            labels[$"{DockerLabels.Revision}={revision}"] = true;
        return await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        }, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A container started before revisions had replicas has no replica label: it is replica 0.</summary>
    private static int ReplicaIndex(IDictionary<string, string> labels) =>
        labels.TryGetValue(DockerLabels.Replica, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) ? index : 0;

    private static int Port(IDictionary<string, string> labels) => int.Parse(labels[DockerLabels.Port], CultureInfo.InvariantCulture);

    private static RevisionInfo ToRevision(IReadOnlyList<IDictionary<string, string>> replicas, string imageId, IList<string>? repoDigests = null)
    {
        var first = replicas[0];
        var addresses = replicas.Select(l => $"127.0.0.1:{l[DockerLabels.Port]}").ToList();
        return new RevisionInfo
        {
            Revision = first[DockerLabels.Revision],
            Image = first[DockerLabels.Image],
            Digest = repoDigests?.Select(d => d[(d.IndexOf('@', StringComparison.Ordinal) + 1)..]).FirstOrDefault() ?? imageId,
            Address = addresses[0],
            ReplicaAddresses = addresses,
            StartedAt = first.TryGetValue(DockerLabels.StartedAt, out var at) ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>A free port on 127.0.0.1 that none of <paramref name="taken"/> uses (the replicas of one revision never share one).</summary>
    private static int FreeLoopbackPort(HashSet<int> taken)
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (taken.Add(port))
                return port;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started container {Name} on 127.0.0.1:{Port} from {Image}")]
    private static partial void LogStarted(ILogger logger, string name, int port, string image);
}

using System.Globalization;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>A CFS period in which a container of the app used up its CPU quota and waited for the next one.</summary>
sealed record ThrottleEvent(double AtUnixMs, string Container, long Periods, double ThrottledMs);

/// <summary>
/// Reads the app's containers' <c>cpu.stat</c> (cgroup v1 <c>cpu/docker/&lt;id&gt;</c> or v2 <c>system.slice/docker-&lt;id&gt;.scope</c>)
/// every 50 ms and records each rise of nr_throttled: when a CPU limit (<c>--cpus</c>) made the service wait.
/// </summary>
sealed class CpuThrottleSampler(IDockerClient docker, string app) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ThrottleEvent> _events = [];
    private Task? _run;

    public IReadOnlyList<ThrottleEvent> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (long Periods, double Ms)>();
        var containers = new Dictionary<string, string>();
        var listedAt = DateTime.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (DateTime.UtcNow - listedAt > TimeSpan.FromSeconds(1))
            {
                var list = await docker.Containers.ListContainersAsync(new ContainersListParameters
                {
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true } },
                }, cancellationToken).ConfigureAwait(false);
                containers = list.ToDictionary(c => c.ID, c => c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]);
                listedAt = DateTime.UtcNow;
            }
            foreach (var (id, name) in containers)
            {
                if (Read(id) is not { } now)
                    continue;
                if (last.TryGetValue(id, out var before) && now.Periods > before.Periods)
                {
                    lock (_events)
                        _events.Add(new ThrottleEvent(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), name, now.Periods - before.Periods, now.Ms - before.Ms));
                }
                last[id] = now;
            }
            try { await Task.Delay(50, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
        }
    }

    private static (long Periods, double Ms)? Read(string id)
    {
        foreach (var (path, unitsPerMs, key) in new[]
        {
            ($"/sys/fs/cgroup/cpu/docker/{id}/cpu.stat", 1_000_000.0, "throttled_time"),
            ($"/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat", 1_000.0, "throttled_usec"),
        })
        {
            try
            {
                var fields = File.ReadAllLines(path).Select(l => l.Split(' ')).ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture));
                return (fields["nr_throttled"], fields[key] / unitsPerMs);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or KeyNotFoundException) { }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
            await _run;
        _stop.Dispose();
    }
}

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>Keeps revisions in memory (one address per replica); revisions listed in <see cref="Unhealthy"/> never pass the health gate.</summary>
public sealed class FakeWorkloadDriver(CallLog log) : IWorkloadDriver
{
    private readonly Dictionary<string, RevisionInfo> _running = new(StringComparer.Ordinal);
    private int _nextPort = 20000;

    public HashSet<string> Unhealthy { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Running => _running.Keys;

    /// <summary>Revisions whose start fails as the engine refuses a missing image, keyed by revision, with the engine's message.</summary>
    public Dictionary<string, string> StartFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Revisions whose workload stopped on its own (see <see cref="Kill"/>), keyed by revision.</summary>
    public Dictionary<string, WorkloadExit> Exits { get; } = new(StringComparer.Ordinal);

    /// <summary>The revision's workload dies as <c>docker kill</c> (or the OOM killer) would end it.</summary>
    public void Kill(string revision, int exitCode, bool oomKilled, DateTimeOffset at, params string[] lastLogs) =>
        Exits[revision] = new WorkloadExit(revision) { ExitCode = exitCode, OomKilled = oomKilled, FinishedAt = at, LastLogs = lastLogs };

    public Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken) =>
        Task.FromResult(Exits.GetValueOrDefault(revision) ?? (_running.ContainsKey(revision) ? null : new WorkloadExit(revision) { Exists = false }));

    public Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken)
    {
        if (StartFailures.TryGetValue(revision, out var failure))
            throw new InvalidOperationException(failure);
        if (!_running.TryGetValue(revision, out var info))
        {
            var addresses = Enumerable.Range(0, Math.Max(1, workload.Replicas)).Select(_ => $"127.0.0.1:{_nextPort++}").ToList();
            info = new RevisionInfo { Revision = revision, Image = workload.Image, Digest = "sha256:" + new string('a', 64), Address = addresses[0], ReplicaAddresses = addresses };
            _running[revision] = info;
            log.Add($"start {revision}");
        }
        return Task.FromResult(info);
    }

    public Task<HealthResult> WaitHealthyAsync(
        string app, RevisionInfo revision, HealthCheckSpec healthCheck, IProgress<ReplicaReadiness>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(Unhealthy.Contains(revision.Revision)
            ? new HealthResult(false, $"GET {healthCheck.Path} answered 500 until the deadline", [$"{revision.Revision}: boom", $"{revision.Revision}: still broken"])
            : HealthResult.Ok("GET /healthz answered 200"));

    public Task StopAsync(string app, string revision, CancellationToken cancellationToken)
    {
        if (_running.Remove(revision))
            log.Add($"stop {revision}");
        Exits.Remove(revision);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RevisionInfo>>([.. _running.Values.Select(r => r with { RunningReplicas = r.ReplicaAddresses.Count })]);
}

/// <summary>Shared ordered record of side effects, to assert e.g. drain-before-stop.</summary>
public sealed class CallLog
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get { lock (_calls) return [.. _calls]; }
    }

    public void Add(string call)
    {
        lock (_calls) _calls.Add(call);
    }

    public int IndexOf(string call) => Calls.ToList().IndexOf(call);
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>Outcome of a health gate. <see cref="LastLogs"/> explains a revision that never got healthy.</summary>
public sealed record HealthResult(bool Healthy, string Message, IReadOnlyList<string> LastLogs)
{
    public static HealthResult Ok(string message) => new(true, message, []);
}

/// <summary>How many of a revision's replicas passed the health gate so far.</summary>
public sealed record ReplicaReadiness(int Ready, int Total)
{
    public override string ToString() => $"{Ready}/{Total} replicas ready";
}

/// <summary>Runs revisions of an application (containers on a Docker host, pods on Kubernetes).</summary>
public interface IWorkloadDriver
{
    /// <summary>
    /// Starts the revision as <see cref="WorkloadSpec.Replicas"/> instances, or returns the running ones with the same name (idempotent, so a
    /// resumed run can call it again); the result names every replica's address.
    /// </summary>
    Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken);

    /// <summary>
    /// Polls every replica's health endpoint until all are healthy or the deadline passes, reporting how many are ready; a replica that
    /// exits fails the gate at once, named in the message.
    /// </summary>
    Task<HealthResult> WaitHealthyAsync(
        string app, RevisionInfo revision, HealthCheckSpec healthCheck, IProgress<ReplicaReadiness>? progress, CancellationToken cancellationToken);

    /// <summary>Stops and removes all of the revision's replicas; no-op when it does not exist.</summary>
    Task StopAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>
    /// Null while every replica of the revision runs as started; otherwise why not, for the first replica that does not: it exited
    /// (exit code, OOM kill, when, last log lines), it was restarted after exiting, or it no longer exists.
    /// </summary>
    Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>The revisions of <paramref name="app"/> that exist now (from labels), running or not, one entry per revision with its replicas.</summary>
    Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken);
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>Outcome of a health gate. <see cref="LastLogs"/> explains a revision that never got healthy.</summary>
public sealed record HealthResult(bool Healthy, string Message, IReadOnlyList<string> LastLogs)
{
    public static HealthResult Ok(string message) => new(true, message, []);
}

/// <summary>Runs revisions of an application (containers on a Docker host, pods on Kubernetes).</summary>
public interface IWorkloadDriver
{
    /// <summary>Starts the revision, or returns the running one with the same name (idempotent, so a resumed run can call it again).</summary>
    Task<RevisionInfo> StartAsync(string app, string revision, WorkloadSpec workload, CancellationToken cancellationToken);

    /// <summary>Polls the revision's health endpoint until healthy or the deadline passes.</summary>
    Task<HealthResult> WaitHealthyAsync(string app, RevisionInfo revision, HealthCheckSpec healthCheck, CancellationToken cancellationToken);

    /// <summary>Stops and removes the revision; no-op when it does not exist.</summary>
    Task StopAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>
    /// Null while the revision runs as started; otherwise why not: it exited (exit code, OOM kill, when, last log lines),
    /// it was restarted after exiting, or it no longer exists.
    /// </summary>
    Task<WorkloadExit?> GetExitAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>The revisions of <paramref name="app"/> that exist now (from labels), running or not.</summary>
    Task<IReadOnlyList<RevisionInfo>> ListAsync(string app, CancellationToken cancellationToken);
}

namespace ContainerCloudBuild.Rollouts;

/// <summary>Result of draining a backend: whether in-flight requests reached zero before the timeout.</summary>
public sealed record DrainResult(bool Drained, int RemainingSessions, TimeSpan Waited);

/// <summary>Splits an application's traffic between its revisions (HAProxy, ingress, Gateway API).</summary>
public interface ITrafficRouter
{
    /// <summary>Registers (or updates) a revision as a backend with weight 0; idempotent.</summary>
    Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken);

    /// <summary>Sets the weights (percent) of the named revisions in one go; revisions not named keep theirs.</summary>
    Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken);

    /// <summary>Stops new requests to the revision and waits until its in-flight requests finish or the timeout passes.</summary>
    Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Removes the revision's backend; no-op when it does not exist.</summary>
    Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken);

    /// <summary>Current weights (percent) per revision.</summary>
    Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken);
}

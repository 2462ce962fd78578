namespace ContainerCloudBuild.Rollouts.Kubernetes.State;

/// <summary>
/// The rollout lock's Lease: held for <see cref="Duration"/> after each renewal, renewed every <see cref="RenewInterval"/>
/// while the rollout runs, so a killed process's lock expires after at most <see cref="Duration"/>.
/// </summary>
public sealed record LeaseSettings
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Who holds it: <c>host/pid/random</c> by default (unique per acquisition).</summary>
    public string HolderPrefix { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}

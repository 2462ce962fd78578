namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>The last readiness a driver reported, shown beside the health gate's wait (reports arrive on the driver's thread).</summary>
internal sealed class LatestReadiness(ReplicaReadiness initial) : IProgress<ReplicaReadiness>
{
    private volatile ReplicaReadiness _latest = initial;

    public void Report(ReplicaReadiness value) => _latest = value;

    public string? Text() => _latest.ToString();
}

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>Labels every rollout container carries, so any process can find an application's revisions and their replicas.</summary>
public static class DockerLabels
{
    public const string App = "ccb.rollout.app";
    public const string Revision = "ccb.rollout.revision";
    /// <summary>The replica's index in its revision, 0 to <see cref="Replicas"/> - 1.</summary>
    public const string Replica = "ccb.rollout.replica";
    /// <summary>How many replicas the revision runs.</summary>
    public const string Replicas = "ccb.rollout.replicas";
    public const string Port = "ccb.rollout.port";
    public const string Image = "ccb.rollout.image";
    public const string StartedAt = "ccb.rollout.started-at";
    /// <summary>The cores the replica is pinned to (Docker's cpuset notation); absent when it is not pinned.</summary>
    public const string CpuSet = "ccb.rollout.cpuset";
    /// <summary>The replica's CPU limit in cores (invariant culture); absent without a limit.</summary>
    public const string CpuLimit = "ccb.rollout.cpu-limit";

    /// <summary>Deterministic container name of one replica: a resumed run finds the containers a killed run started.</summary>
    public static string ContainerName(string app, string revision, int replica) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ccb-{app}-{revision}-{replica}");
}

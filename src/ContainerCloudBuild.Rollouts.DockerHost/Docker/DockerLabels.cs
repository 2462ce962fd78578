namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>Labels every rollout container carries, so any process can find an application's revisions.</summary>
public static class DockerLabels
{
    public const string App = "ccb.rollout.app";
    public const string Revision = "ccb.rollout.revision";
    public const string Port = "ccb.rollout.port";
    public const string Image = "ccb.rollout.image";
    public const string StartedAt = "ccb.rollout.started-at";

    /// <summary>Deterministic container name: a resumed run finds the container a killed run started.</summary>
    public static string ContainerName(string app, string revision) => $"ccb-{app}-{revision}";
}

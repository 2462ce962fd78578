using ContainerCloudBuild.Kubernetes;

namespace ContainerCloudBuild.Rollouts.Kubernetes;

/// <summary>The labels and names that tie cluster objects to an application's rollout (slots, Services, state, Lease).</summary>
public static class RolloutLabels
{
    public const string Prefix = "rollouts.containercloudbuild.io/";
    public const string App = Prefix + "app";
    public const string Revision = Prefix + "revision";
    public const string Role = Prefix + "role";
    /// <summary>The application's instance label, which the canary routers' revision Services select together with <see cref="Revision"/>.</summary>
    public const string Instance = "app.kubernetes.io/instance";
    public const string FieldManager = "containercloudbuild-rollouts";

    /// <summary>The Deployment of one revision (a slot): <c>&lt;app&gt;-&lt;revision&gt;</c>.</summary>
    public static string Slot(string app, string revision) => $"{app}-{ToDnsLabel(revision)}";

    /// <summary>The selector of all of an application's slots.</summary>
    public static string AppSelector(string app) => $"{App}={app},{Revision}";

    /// <summary>The selector of one revision's pods.</summary>
    public static string RevisionSelector(string app, string revision) => $"{App}={app},{Revision}={revision}";

    /// <summary>Revision names allow '.' and '_', object names do not: both become '-' (<see cref="DnsLabel.FromRevision"/>).</summary>
    public static string ToDnsLabel(string value) => DnsLabel.FromRevision(value);
}

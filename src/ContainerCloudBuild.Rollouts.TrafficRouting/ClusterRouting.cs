using ContainerCloudBuild.Kubernetes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>
/// Where and how a router works on the cluster: the untyped API, the namespace, our field manager, and the labels that tie a
/// revision's pods to the application (<see cref="AppLabel"/>) and to the revision (<see cref="RevisionLabel"/>).
/// </summary>
public sealed record ClusterRouting
{
    public const string DefaultRevisionLabel = "rollouts.containercloudbuild.io/revision";

    public required KubeApi Api { get; init; }
    public required string Namespace { get; init; }
    public string FieldManager { get; init; } = ApplyOptions.DefaultFieldManager;
    public string AppLabel { get; init; } = "app.kubernetes.io/instance";
    public string RevisionLabel { get; init; } = DefaultRevisionLabel;
    /// <summary>The port of each revision's Service (name "http"), targeting the pods' port named <see cref="TargetPort"/>.</summary>
    public int ServicePort { get; init; } = 80;
    public string TargetPort { get; init; } = "http";
    /// <summary>How long a drained revision keeps its backend after its weight went to 0 (ingress controllers reload asynchronously).</summary>
    public TimeSpan DrainGrace { get; init; } = TimeSpan.FromSeconds(5);
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>Where routers say what they did (one line each).</summary>
    public Action<string> Output { get; init; } = _ => { };

    /// <summary>
    /// The Service that selects exactly one revision's pods: <c>&lt;app&gt;-&lt;revision&gt;</c>, which must be a DNS-1035 label
    /// (the API server refuses anything else), so it maps back to the revision unchanged.
    /// </summary>
    public string ServiceName(string app, string revision)
    {
        var name = $"{app}-{revision}";
        if (!DnsLabel.IsRfc1035(name))
            throw new ArgumentException(
                $"The Service of revision '{revision}' of '{app}' would be named '{name}', which is not a DNS-1035 label (lower-case letters, digits and '-', " +
                "starting with a letter, at most 63 characters). Use a revision name of that form (build revisions are; a tag's dots become dashes).", nameof(revision));
        return name;
    }

    /// <summary>The revision a Service name of <see cref="ServiceName"/> stands for, or null for any other Service.</summary>
    public string? RevisionOf(string app, string? serviceName) =>
        serviceName is not null && serviceName.StartsWith(app + "-", StringComparison.Ordinal) && serviceName.Length > app.Length + 1
            ? serviceName[(app.Length + 1)..]
            : null;
}

using System.Globalization;
using ContainerCloudBuild.Manifests.Values;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// Values a Docker host cannot honour, named when a service sets them (never silently dropped), and values it honours
/// differently (<see cref="Adapted"/>). Ignored values left at their defaults are not reported: only what the service's folder asks for.
/// </summary>
internal static class DockerHostIgnoredValues
{
    private sealed record Rule(string Path, Func<ValueMap, bool> IsSet, string Reason);

    private static readonly Rule[] Rules =
    [
        new("namespace", v => ValuePath.Text(v, "namespace").Length > 0, "a Docker host has no namespaces"),
        new("nodeSelector", v => ValuePath.Count(v, "nodeSelector") > 0, "a Docker host is one node"),
        new("topologySpread", v => ValuePath.Bool(v, "topologySpread.enabled"), "a Docker host is one node"),
        new("autoscaling", v => ValuePath.Bool(v, "autoscaling.enabled"), "no autoscaler on a Docker host; replicas are fixed"),
        new("pdb", v => ValuePath.Bool(v, "pdb.enabled"), "no voluntary evictions on a Docker host"),
        new("ingress", v => ValuePath.Bool(v, "ingress.enabled"), "the router frontend (rollout.routerPort) is the entry point"),
        new("networkPolicy", v => ValuePath.Bool(v, "networkPolicy.enabled"), "containers use host networking"),
        new("persistence", v => ValuePath.Bool(v, "persistence.enabled"), "no volumes for rollout containers"),
        new("secretVolumes", v => ValuePath.Count(v, "secretVolumes") > 0, "secrets reach a Docker host as environment only (secretEnv)"),
        new("envFromSecrets", v => ValuePath.Count(v, "envFromSecrets") > 0, "list the variables in secretEnv instead"),
        new("envFromConfigMaps", v => ValuePath.Count(v, "envFromConfigMaps") > 0, "no ConfigMaps on a Docker host; use env or config.data"),
        new("imagePullSecrets", v => ValuePath.Count(v, "imagePullSecrets") > 0, "the Docker engine's own registry login applies"),
        new("config.mountPath", v => ValuePath.Bool(v, "config.enabled") && ValuePath.Text(v, "config.mountPath").Length > 0,
            "config.data is passed as environment, not mounted as files"),
        new("command/args", v => ValuePath.Count(v, "command") > 0 || ValuePath.Count(v, "args") > 0, "the image's entrypoint runs as built"),
        new("ports", v => ValuePath.Items(v, "ports").OfType<ValueMap>().Any(p => ValuePath.Int(p, "containerPort", 0) > 0),
            "host networking: each replica listens on the one port it is told (PORT); more ports are not routed"),
    ];

    public static IReadOnlyList<string> Find(ValueMap values) => [.. Rules.Where(r => r.IsSet(values)).Select(r => $"{r.Path}: {r.Reason}")];

    /// <summary>
    /// Values a Docker host honours differently than Kubernetes, said once: <c>containerPort</c> cannot be the port the app listens on,
    /// because replicas share the host's network and each needs its own loopback port.
    /// </summary>
    public static IReadOnlyList<string> Adapted(ValueMap values) =>
    [
        string.Create(CultureInfo.InvariantCulture,
            $"containerPort ({ValuePath.Int(values, "containerPort", 8080)}): each replica listens on its own free 127.0.0.1 port, told through PORT and ASPNETCORE_HTTP_PORTS (host networking); the router frontend (rollout.routerPort) is the service's port"),
    ];
}

using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Deploy.Zabbix;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// The one place a Docker-host deployment's settings come from: the local stack (registry, HAProxy, Prometheus),
/// the rollout state, the HAProxy socket and the analysis all derive from these values, so no component has a
/// second default for a path or a port.
/// </summary>
public sealed record DeployOptions
{
    /// <summary>Root of everything on disk: <c>stack/</c> (configs, pid files, logs) and <c>rollouts/</c> (state, history, events).</summary>
    public required string StateDirectory { get; init; }
    /// <summary>The manifest templates whose <c>defaults.yaml</c> is the values schema (templates/manifests).</summary>
    public required string TemplatesDirectory { get; init; }
    public int RegistryPort { get; init; } = 5000;
    public int HaproxyMetricsPort { get; init; } = 8404;
    public int PrometheusPort { get; init; } = 9090;
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(2);
    public string DockerSocket { get; init; } = "/var/run/docker.sock";
    /// <summary><c>NAME=value</c> lines for <c>secretEnv</c>; variables not in it come from the environment.</summary>
    public string? SecretsFile { get; init; }
    /// <summary>Timing of the built-in haproxy-canary analysis; the default waits 3 scrapes and judges 4 scrapes.</summary>
    public HaproxyCanaryOptions HaproxyCanary { get; init; } = new()
    {
        InitialDelay = TimeSpan.FromSeconds(6), Window = TimeSpan.FromSeconds(8), Interval = TimeSpan.FromSeconds(2), Count = 4,
    };
    public RolloutControllerOptions Controller { get; init; } = new();
    public IRolloutHooks? Hooks { get; init; }
    /// <summary>Ships rollout events and analysis measurements (JSON lines, Loki, Fluent Bit); none when null.</summary>
    public EventShipper? EventShipper { get; init; }
    /// <summary>Zabbix for the services whose values enable it (maintenance, deploy events, the "zabbix" analysis, agent hosts); none when null.</summary>
    public ZabbixConnection? Zabbix { get; init; }

    public string StackDirectory => Path.Combine(StateDirectory, "stack");
    public string RolloutsDirectory => Path.Combine(StateDirectory, "rollouts");
    public Uri PrometheusUrl => new($"http://127.0.0.1:{PrometheusPort}/");
    public Uri DockerEndpoint => new("unix://" + DockerSocket);

    /// <summary>The stack for these services: one HAProxy frontend per routed service.</summary>
    public LocalStackOptions Stack(IEnumerable<HaproxyApp> apps) => new()
    {
        StateDirectory = StackDirectory,
        Apps = [.. apps],
        RegistryPort = RegistryPort,
        HaproxyMetricsPort = HaproxyMetricsPort,
        PrometheusPort = PrometheusPort,
        ScrapeInterval = ScrapeInterval,
        DockerSocket = DockerSocket,
    };

    /// <summary>The HAProxy runtime socket, where <see cref="Stack"/> configures it.</summary>
    public string HaproxySocketPath => Stack([]).HaproxySocketPath;

    /// <summary>HAProxy's backend files (servers and weights), where <see cref="Stack"/> has HAProxy read them.</summary>
    public string HaproxyBackendsDirectory => Stack([]).HaproxyBackendsDirectory;
}

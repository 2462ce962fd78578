using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>Ports, binaries and applications of the local stack; every config and pid file lives under <see cref="StateDirectory"/>.</summary>
public sealed record LocalStackOptions
{
    public required string StateDirectory { get; init; }
    /// <summary>Applications HAProxy fronts (one frontend each on 127.0.0.1:Port).</summary>
    public IReadOnlyList<HaproxyApp> Apps { get; init; } = [];
    public int RegistryPort { get; init; } = 5000;
    public int HaproxyMetricsPort { get; init; } = 8404;
    public int PrometheusPort { get; init; } = 9090;
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(2);
    public string HaproxyBinary { get; init; } = "/usr/sbin/haproxy";
    public string RegistryBinary { get; init; } = "/usr/bin/docker-registry";
    public string PrometheusBinary { get; init; } = "/usr/bin/prometheus";
    public string DockerSocket { get; init; } = "/var/run/docker.sock";
    /// <summary>On Debian as root, install missing packages with apt-get; otherwise only report the commands.</summary>
    public bool InstallMissingPackages { get; init; } = true;
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string HaproxySocketPath => Path.Combine(StateDirectory, "haproxy", "haproxy.sock");
    /// <summary>One file per application's backend with its servers and weights (<see cref="HaproxyBackendFiles"/>).</summary>
    public string HaproxyBackendsDirectory => Path.Combine(StateDirectory, "haproxy", "backends");
}

/// <summary>
/// Outcome of <see cref="LocalStack.EnsureRunningAsync"/>: ready, or what is missing and the exact commands
/// to run. <see cref="Started"/> names what this call started (empty when everything already ran).
/// </summary>
public sealed record LocalStackResult(bool Ready, IReadOnlyList<string> Started, IReadOnlyList<string> Problems, IReadOnlyList<string> CommandsToRun)
{
    public string Registry { get; init; } = "";
    public string PrometheusUrl { get; init; } = "";
    public string HaproxySocket { get; init; } = "";
    public IReadOnlyDictionary<string, string> AppUrls { get; init; } = new Dictionary<string, string>();
}

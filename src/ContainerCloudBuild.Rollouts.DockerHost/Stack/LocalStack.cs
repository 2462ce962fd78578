using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// Makes sure the single-machine stack runs: a registry, HAProxy (runtime socket, one frontend per app,
/// Prometheus exporter) and Prometheus scraping HAProxy, each with its config under the state directory and
/// found again by pid file + port, so a second call starts nothing. Missing packages and a silent Docker
/// engine are handled by <see cref="HostPrerequisites"/>.
/// </summary>
public sealed partial class LocalStack(LocalStackOptions options, ILogger logger)
{
    public LocalStackOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    private string Dir(string component) => Directory.CreateDirectory(Path.Combine(Options.StateDirectory, component)).FullName;

    public async Task<LocalStackResult> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var prerequisites = new HostPrerequisites(Options, logger);
        var (problems, commands) = await prerequisites.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            return new LocalStackResult(false, [], problems, commands);
        var started = new List<string>();

        var registryDir = Dir("registry");
        if (await ForeignRegistryAnswersAsync(registryDir, cancellationToken).ConfigureAwait(false))
            LogReusing(logger, Options.RegistryPort);
        else if (await EnsureAsync("registry", Options.RegistryBinary, ["serve", Path.Combine(registryDir, "config.yml")], registryDir, Options.RegistryPort,
                Path.Combine(registryDir, "config.yml"), StackConfigs.Registry(Path.Combine(registryDir, "data"), Options.RegistryPort), cancellationToken).ConfigureAwait(false))
            started.Add($"registry on 127.0.0.1:{Options.RegistryPort}");

        var haproxyDir = Dir("haproxy");
        var haproxyConfig = HaproxyConfig.Render(Options.HaproxySocketPath, Options.HaproxyMetricsPort, Options.Apps);
        if (await EnsureAsync("haproxy", Options.HaproxyBinary, ["-f", Path.Combine(haproxyDir, "haproxy.cfg")], haproxyDir, Options.HaproxyMetricsPort,
                Path.Combine(haproxyDir, "haproxy.cfg"), haproxyConfig, cancellationToken).ConfigureAwait(false))
            started.Add($"haproxy (metrics on 127.0.0.1:{Options.HaproxyMetricsPort}, socket {Options.HaproxySocketPath})");

        var prometheusDir = Dir("prometheus");
        if (await EnsureAsync("prometheus", Options.PrometheusBinary,
                [$"--config.file={Path.Combine(prometheusDir, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(prometheusDir, "data")}",
                 $"--web.listen-address=127.0.0.1:{Options.PrometheusPort}"],
                prometheusDir, Options.PrometheusPort, Path.Combine(prometheusDir, "prometheus.yml"),
                StackConfigs.Prometheus(Options.HaproxyMetricsPort, Options.PrometheusPort, Options.ScrapeInterval), cancellationToken).ConfigureAwait(false))
            started.Add($"prometheus on 127.0.0.1:{Options.PrometheusPort}");

        return new LocalStackResult(true, started, [], [])
        {
            Registry = $"127.0.0.1:{Options.RegistryPort}",
            PrometheusUrl = $"http://127.0.0.1:{Options.PrometheusPort}",
            HaproxySocket = Options.HaproxySocketPath,
            AppUrls = Options.Apps.ToDictionary(a => a.Name, a => $"http://127.0.0.1:{a.Port}/", StringComparer.Ordinal),
        };
    }

    /// <summary>Stops Prometheus, HAProxy and the registry started by <see cref="EnsureRunningAsync"/> (never the Docker engine).</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var component in new[] { "prometheus", "haproxy", "registry" })
        {
            cancellationToken.ThrowIfCancellationRequested();
            DaemonProcess.Stop(Path.Combine(Options.StateDirectory, component, component + ".pid"));
            LogStopped(logger, component);
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes the config; starts the component unless it already runs with that same config. Returns true when it started it.</summary>
    private async Task<bool> EnsureAsync(
        string name, string binary, IReadOnlyList<string> arguments, string directory, int port, string configPath, string config, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(directory, name + ".pid");
        var unchanged = File.Exists(configPath) && await File.ReadAllTextAsync(configPath, cancellationToken).ConfigureAwait(false) == config;
        if (unchanged && await DaemonProcess.IsRunningAsync(pidFile, port, cancellationToken).ConfigureAwait(false))
            return false;
        DaemonProcess.Stop(pidFile);
        if (await DaemonProcess.PortAnswersAsync(port, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException(
                $"Port 127.0.0.1:{port} for {name} is taken by a process this stack did not start (no live pid in {pidFile}); stop it or choose another port in LocalStackOptions.");
        await File.WriteAllTextAsync(configPath, config, cancellationToken).ConfigureAwait(false);
        await DaemonProcess.StartAsync(binary, arguments, pidFile, Path.Combine(directory, name + ".log"), port, Options.StartTimeout, cancellationToken).ConfigureAwait(false);
        LogStarted(logger, name, port);
        return true;
    }

    /// <summary>A registry this stack did not start but that answers <c>/v2/</c> on the port is used as it is.</summary>
    private async Task<bool> ForeignRegistryAnswersAsync(string registryDir, CancellationToken cancellationToken)
    {
        if (DaemonProcess.ReadPid(Path.Combine(registryDir, "registry.pid")) is { } pid && DaemonProcess.IsAlive(pid))
            return false;
        if (!await DaemonProcess.PortAnswersAsync(Options.RegistryPort, cancellationToken).ConfigureAwait(false))
            return false;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{Options.RegistryPort}/v2/"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A registry already answers on 127.0.0.1:{Port}; using it")]
    private static partial void LogReusing(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Component} on 127.0.0.1:{Port}")]
    private static partial void LogStarted(ILogger logger, string component, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Component}")]
    private static partial void LogStopped(ILogger logger, string component);
}

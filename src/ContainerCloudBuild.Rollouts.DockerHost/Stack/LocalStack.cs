using System.Diagnostics;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using Docker.DotNet;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// Makes sure the single-machine stack runs: a registry, HAProxy (runtime socket, one frontend per app, each app's
/// backend in its own file the router keeps current, Prometheus exporter) and Prometheus scraping HAProxy. Each runs
/// as a container the Docker engine supervises (<see cref="StackContainer"/>, restart policy unless-stopped, from
/// <see cref="StackImage"/>), with its config under the state directory, so a killed daemon, an engine restart or a
/// reboot brings it back without anyone; a second call starts nothing. Missing packages and a silent Docker engine
/// are handled by <see cref="HostPrerequisites"/>.
/// </summary>
public sealed partial class LocalStack(LocalStackOptions options, ILogger logger)
{
    private static readonly string[] Components = ["prometheus", "haproxy", "registry"];

    public LocalStackOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    private string Dir(string component) => Directory.CreateDirectory(Path.Combine(Options.StateDirectory, component)).FullName;

    public async Task<LocalStackResult> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var clashes = StackPortClashes.Find(Options);
        if (clashes.Count > 0)
            throw new InvalidOperationException(
                $"The local stack cannot start: {string.Join("; ", clashes)}. Give each its own port; nothing was started.");
        var prerequisites = new HostPrerequisites(Options, logger);
        var (problems, commands) = await prerequisites.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            return new LocalStackResult(false, [], problems, commands);
        var started = new List<string>();
        StopProcessDaemons();
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix://" + Options.DockerSocket)).Build();
        var containers = new StackContainer(docker, Options.StateDirectory);
        var image = await StackImage.EnsureAsync(docker, [Options.RegistryBinary, Options.HaproxyBinary, Options.PrometheusBinary],
            Dir("image"), cancellationToken).ConfigureAwait(false);

        var registryDir = Dir("registry");
        var registryConfig = Path.Combine(registryDir, "config.yml");
        if (!await containers.IsRunningAsync("registry", cancellationToken).ConfigureAwait(false) && await ForeignRegistryAnswersAsync(cancellationToken).ConfigureAwait(false))
            LogReusing(logger, Options.RegistryPort);
        else if (await EnsureAsync(containers, image, new StackComponent("registry", [Options.RegistryBinary, "serve", registryConfig], registryDir, Options.RegistryPort,
                registryConfig, StackConfigs.Registry(Path.Combine(registryDir, "data"), Options.RegistryPort)), cancellationToken).ConfigureAwait(false))
            started.Add($"registry on 127.0.0.1:{Options.RegistryPort}");

        var haproxyDir = Dir("haproxy");
        var backends = new HaproxyBackendFiles(Options.HaproxyBackendsDirectory);
        foreach (var app in Options.Apps)
            await backends.EnsureExistsAsync(app.Name, cancellationToken).ConfigureAwait(false);
        var haproxyConfig = Path.Combine(haproxyDir, "haproxy.cfg");
        // Master-worker mode (-W): a new service's frontend is a reload (SIGUSR2), not a restart that would cut the others off.
        var haproxyChange = await EnsureComponentAsync(containers, image, new StackComponent("haproxy", [Options.HaproxyBinary, "-W", "-f", haproxyConfig, "-f", backends.Directory],
                haproxyDir, Options.HaproxyMetricsPort, haproxyConfig,
                HaproxyConfig.RenderFrontends(Options.HaproxySocketPath, Options.HaproxyMetricsPort, Options.Apps)) { ReloadSignal = "SIGUSR2" }, cancellationToken).ConfigureAwait(false);
        if (haproxyChange == StackChange.Started)
            started.Add($"haproxy (metrics on 127.0.0.1:{Options.HaproxyMetricsPort}, socket {Options.HaproxySocketPath})");
        if (haproxyChange == StackChange.Reloaded)
        {
            await WaitForFrontendsAsync(cancellationToken).ConfigureAwait(false);
            var frontends = string.Join(", ", Options.Apps.Select(a => $"{a.Name} on {a.Port}"));
            LogReloaded(logger, frontends);
            started.Add($"haproxy reloaded with the frontends {frontends}");
        }

        var prometheusDir = Dir("prometheus");
        var prometheusConfig = Path.Combine(prometheusDir, "prometheus.yml");
        if (await EnsureAsync(containers, image, new StackComponent("prometheus",
                [Options.PrometheusBinary, $"--config.file={prometheusConfig}", $"--storage.tsdb.path={Path.Combine(prometheusDir, "data")}",
                 $"--web.listen-address=127.0.0.1:{Options.PrometheusPort}"],
                prometheusDir, Options.PrometheusPort, prometheusConfig,
                StackConfigs.Prometheus(Options.HaproxyMetricsPort, Options.PrometheusPort, Options.ScrapeInterval)), cancellationToken).ConfigureAwait(false))
            started.Add($"prometheus on 127.0.0.1:{Options.PrometheusPort}");

        return new LocalStackResult(true, started, [], [])
        {
            Registry = $"127.0.0.1:{Options.RegistryPort}",
            PrometheusUrl = $"http://127.0.0.1:{Options.PrometheusPort}",
            HaproxySocket = Options.HaproxySocketPath,
            AppUrls = Options.Apps.ToDictionary(a => a.Name, a => $"http://127.0.0.1:{a.Port}/", StringComparer.Ordinal),
        };
    }

    /// <summary>Removes the Prometheus, HAProxy and registry containers <see cref="EnsureRunningAsync"/> started (never the Docker engine).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix://" + Options.DockerSocket)).Build();
        var containers = new StackContainer(docker, Options.StateDirectory);
        foreach (var component in Components)
        {
            await containers.RemoveAsync(component, cancellationToken).ConfigureAwait(false);
            LogStopped(logger, component);
        }
        StopProcessDaemons();
    }

    /// <summary>Stops the daemons an earlier version started as plain processes (found by their pid files), so the containers get their ports.</summary>
    private void StopProcessDaemons()
    {
        foreach (var component in Components)
            DaemonProcess.Stop(Path.Combine(Options.StateDirectory, component, component + ".pid"));
    }

    private async Task<bool> EnsureAsync(StackContainer containers, string image, StackComponent component, CancellationToken cancellationToken) =>
        await EnsureComponentAsync(containers, image, component, cancellationToken).ConfigureAwait(false) == StackChange.Started;

    private async Task<StackChange> EnsureComponentAsync(StackContainer containers, string image, StackComponent component, CancellationToken cancellationToken)
    {
        var change = await containers.EnsureAsync(component, image, Options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (change == StackChange.Started)
            LogStarted(logger, component.Name, component.Port);
        return change;
    }

    /// <summary>After a reload, every app's frontend listens (the new worker has bound them) within the start timeout.</summary>
    private async Task WaitForFrontendsAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var app in Options.Apps)
        {
            while (!await DaemonProcess.PortAnswersAsync(app.Port, cancellationToken).ConfigureAwait(false))
            {
                if (Stopwatch.GetElapsedTime(started) > Options.StartTimeout)
                    throw new InvalidOperationException(
                        $"HAProxy was reloaded for the new frontends but 127.0.0.1:{app.Port} ({app.Name}) does not listen after {Options.StartTimeout.TotalSeconds:0}s; see `docker logs` of the haproxy stack container.");
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A registry this stack did not start but that answers <c>/v2/</c> on the port is used as it is.</summary>
    private async Task<bool> ForeignRegistryAnswersAsync(CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded haproxy in place with the frontends {Frontends}")]
    private static partial void LogReloaded(ILogger logger, string frontends);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Component}")]
    private static partial void LogStopped(ILogger logger, string component);
}

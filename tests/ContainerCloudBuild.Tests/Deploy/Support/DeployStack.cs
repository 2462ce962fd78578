using System.Globalization;
using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Deploy.Zabbix;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>
/// A <see cref="DockerHostDeploy"/> over a temp state directory with its own stack (registry, HAProxy, Prometheus on free
/// ports), service folders written on the fly and busybox images; disposal removes containers, images and the stack.
/// </summary>
public sealed class DeployStack : IAsyncDisposable
{
    private readonly List<string> _images = [];
    private readonly List<string> _apps = [];

    private DeployStack(string dockerSocket, ZabbixConnection? zabbix)
    {
        var console = new BuildConsole(Output, new SecretMasker());
        Context = new BuildContext(new AbsolutePath(Temp.Path), console, console.Masker, TimeProvider.System,
            new Dictionary<string, string?>(), new LocalHost(), new RunEventLog(TimeProvider.System));
        Options = new DeployOptions
        {
            StateDirectory = Temp.Combine("state"),
            TemplatesDirectory = Path.Combine(RepositoryRoot.Path, "templates", "manifests"),
            RegistryPort = FreePort.Next(),
            HaproxyMetricsPort = FreePort.Next(),
            PrometheusPort = FreePort.Next(),
            DockerSocket = dockerSocket,
            Controller = new Rollouts.RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
            Zabbix = zabbix,
        };
        Deploy = new DockerHostDeploy(Context, Options);
    }

    public TempDirectory Temp { get; } = new("ccb-deploy");
    public MemoryBuildOutput Output { get; } = new();
    public BuildContext Context { get; }
    public DeployOptions Options { get; }
    public DockerHostDeploy Deploy { get; }
    public IDockerClient Docker => Deploy.Host.Docker;

    public static Task<DeployStack> StartAsync(CancellationToken cancellationToken) => StartAsync("/var/run/docker.sock", cancellationToken);

    /// <summary>A stack whose Deploy uses the Zabbix at <paramref name="zabbix"/> for services that enable it.</summary>
    public static Task<DeployStack> StartAsync(ZabbixConnection zabbix, CancellationToken cancellationToken) =>
        StartAsync("/var/run/docker.sock", zabbix, cancellationToken);

    /// <summary>A stack on the Docker engine at <paramref name="dockerSocket"/> (e.g. an <see cref="OwnDockerEngine"/>).</summary>
    public static Task<DeployStack> StartAsync(string dockerSocket, CancellationToken cancellationToken) => StartAsync(dockerSocket, null, cancellationToken);

    private static async Task<DeployStack> StartAsync(string dockerSocket, ZabbixConnection? zabbix, CancellationToken cancellationToken)
    {
        DockerHostStack.Require(dockerSocket);
        RequiredService.Require(BusyboxImages.Available, "busybox-static", "apt-get install busybox-static");
        var stack = new DeployStack(dockerSocket, zabbix);
        await stack.Docker.System.PingAsync(cancellationToken);
        return stack;
    }

    /// <summary>Writes a service folder (values.yaml) with a unique name and a free router port; returns its definition.</summary>
    public async Task<ServiceDefinition> ServiceAsync(string prefix, string strategy, string extraValues, CancellationToken cancellationToken)
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..6];
        var folder = Directory.CreateDirectory(Temp.Combine("services", name)).FullName;
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"), $"""
            name: {name}
            resources:
              limits:
                memory: 64Mi
            probes:
              readiness:
                path: /healthz
                periodSeconds: 1
                failureThreshold: 15
            rollout:
              routerPort: {port}
              strategy: {strategy}
              scaleDownDelaySeconds: 1
              drainTimeoutSeconds: 2
            {extraValues}
            """, cancellationToken);
        _apps.Add(name);
        return await Deploy.ReadServiceAsync(folder, null, [], cancellationToken);
    }

    /// <summary>A busybox image answering <paramref name="version"/> on /version (healthy: /healthz exists).</summary>
    public async Task<Abstractions.ImageReference> ImageAsync(string app, string version, CancellationToken cancellationToken)
    {
        var tag = $"ccb-test-{app}:{version}";
        await BusyboxImages.BuildAsync(Docker, tag, version, healthy: true, cancellationToken);
        _images.Add(tag);
        return Abstractions.ImageReference.Parse(tag);
    }

    /// <summary>
    /// An image FROM <paramref name="baseImage"/> whose entrypoint <paramref name="wrapper"/> (e.g. the Zabbix agent base
    /// image's) starts busybox httpd answering <paramref name="version"/> on /version, /healthz, and <paramref name="metrics"/> on /metrics.
    /// </summary>
    public async Task<Abstractions.ImageReference> ImageOnAsync(string app, string version, string baseImage, string wrapper, string metrics, CancellationToken cancellationToken)
    {
        var tag = $"ccb-test-{app}:{version}";
        await BusyboxImages.BuildHttpdOnAsync(Docker, tag, baseImage, [wrapper],
            [new("version", version + "\n"), new("healthz", "ok\n"), new("metrics", metrics)], verbose: false, cancellationToken);
        _images.Add(tag);
        return Abstractions.ImageReference.Parse(tag);
    }

    public string Log => Output.Text;

    /// <summary>
    /// Rolls v1 out blue-green, then starts a canary of v2 that pauses at <paramref name="weight"/>% until promoted and
    /// cancels its orchestrator: the state (weight% to the candidate) stays on disk with nobody running the rollout.
    /// </summary>
    public async Task<ServiceDefinition> PausedCanaryAsync(string prefix, int weight, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(prefix, "canary", $"  canarySteps:\n    - setWeight: {weight}\n    - pauseUntilPromoted: true", cancellationToken);
        await Deploy.EnsureStackAsync([service], cancellationToken);
        var first = await Deploy.RolloutAsync(service, await ImageAsync(service.Name, "v1", cancellationToken), DeployStrategy.BlueGreen, cancellationToken);
        if (!first.Succeeded)
            throw new InvalidOperationException(first.Message + "\n" + Log);
        var v2 = await ImageAsync(service.Name, "v2", cancellationToken);
        using var canaryRun = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var canary = Deploy.RolloutAsync(service, v2, null, canaryRun.Token);
        for (var waited = 0; (await Deploy.Controller.GetStatusAsync(service.Name, cancellationToken)).State?.Phase != Rollouts.RolloutPhase.Paused; waited += 100)
        {
            if (waited >= 30_000 || canary.IsCompleted)
                throw new InvalidOperationException($"the canary never paused at {weight}%\n" + Log);
            await Task.Delay(100, cancellationToken);
        }
        await canaryRun.CancelAsync();
        try
        {
            await canary;
        }
        catch (OperationCanceledException)
        {
        }
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var app in _apps)
            {
                var containers = await Docker.Containers.ListContainersAsync(new ContainersListParameters
                {
                    All = true,
                    Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={app}"] = true } },
                });
                foreach (var container in containers)
                    await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            }
            foreach (var image in _images)
            {
                try { await Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }); }
                catch (DockerApiException) { }
            }
            await new Rollouts.DockerHost.Stack.LocalStack(Options.Stack([]), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).StopAsync(CancellationToken.None);
        }
        finally
        {
            await Deploy.DisposeAsync();
            Temp.Dispose();
        }
    }
}

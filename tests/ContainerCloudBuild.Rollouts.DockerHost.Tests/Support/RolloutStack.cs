using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Tests.Support;

/// <summary>
/// A real stack for one test: HAProxy (own process, temp config, free ports) fronting a unique app, the
/// local Docker engine, busybox test images, and a <see cref="DockerHostTarget"/> over a temp state dir.
/// Disposal removes the app's containers and images and stops HAProxy.
/// </summary>
public sealed class RolloutStack : IAsyncDisposable
{
    private readonly List<string> _images = [];

    private RolloutStack(TempDirectory temp, string app, int frontendPort, int metricsPort)
    {
        Temp = temp;
        App = app;
        FrontendPort = frontendPort;
        MetricsPort = metricsPort;
        Target = NewTarget(Events);
    }

    public TempDirectory Temp { get; }
    public string App { get; }
    public int FrontendPort { get; }
    public int MetricsPort { get; }
    public RecordingRolloutEvents Events { get; } = new();
    public DockerHostTarget Target { get; }
    public RolloutController Controller => Target.Controller;
    public Uri VersionUrl => new($"http://127.0.0.1:{FrontendPort}/version");
    public string StateDirectory => Temp.Combine("state");
    public string HaproxySocket => Temp.Combine("haproxy.sock");
    private string HaproxyPid => Temp.Combine("haproxy.pid");

    /// <summary>Skips locally (fails in CI) when Docker, HAProxy or busybox-static is missing; then starts HAProxy.</summary>
    public static async Task<RolloutStack> StartAsync(CancellationToken cancellationToken)
    {
        RequiredService.Require(File.Exists("/usr/sbin/haproxy"), "haproxy", "apt-get install haproxy");
        RequiredService.Require(BusyboxImages.Available, "busybox-static", "apt-get install busybox-static");
        RequiredService.Require(await DockerAnswersAsync(cancellationToken), "Docker engine on /var/run/docker.sock",
            "./build.sh Prerequisites (installs the packages and starts dockerd)");
        var stack = new RolloutStack(new TempDirectory("ccb-rollout"), "t" + Guid.NewGuid().ToString("N")[..8], FreePort.Next(), FreePort.Next());
        await File.WriteAllTextAsync(stack.Temp.Combine("haproxy.cfg"),
            HaproxyConfig.Render(stack.HaproxySocket, stack.MetricsPort, [new HaproxyApp(stack.App, stack.FrontendPort)]), cancellationToken);
        await DaemonProcess.StartAsync("/usr/sbin/haproxy", ["-f", stack.Temp.Combine("haproxy.cfg")], stack.HaproxyPid,
            stack.Temp.Combine("haproxy.log"), stack.FrontendPort, TimeSpan.FromSeconds(10), cancellationToken);
        return stack;
    }

    /// <summary>A second target over the same state and HAProxy: what a second shell (Status/Promote/Undo) would build.</summary>
    public DockerHostTarget NewTarget(IRolloutEvents? events = null) => DockerHostTarget.Create(new DockerHostOptions
    {
        StateDirectory = StateDirectory,
        HaproxySocketPath = HaproxySocket,
        Events = events,
        Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
    });

    /// <summary>Builds a busybox image answering <paramref name="version"/> on /version; unhealthy ones have no /healthz.</summary>
    public async Task<string> ImageAsync(string version, bool healthy, CancellationToken cancellationToken)
    {
        var tag = $"ccb-test-{App}:{version}";
        await BusyboxImages.BuildAsync(Target.Docker, tag, version, healthy, cancellationToken);
        _images.Add(tag);
        return tag;
    }

    public WorkloadSpec Workload(string image, string version, TimeSpan? deadline = null, int replicas = 1) => new()
    {
        Image = image,
        Replicas = replicas,
        Environment = new Dictionary<string, string> { ["APP_VERSION"] = version },
        MemoryLimitBytes = 64 * 1024 * 1024,
        HealthCheck = new HealthCheckSpec { Path = "/healthz", Interval = TimeSpan.FromMilliseconds(100), Deadline = deadline ?? TimeSpan.FromSeconds(15) },
    };

    /// <summary>Builds and deploys the first, stable revision.</summary>
    public async Task DeployStableAsync(string version, CancellationToken cancellationToken, int replicas = 1)
    {
        var image = await ImageAsync(version, healthy: true, cancellationToken);
        var result = await Controller.DeployBlueGreenAsync(
            new BlueGreenSpec { App = App, Revision = version, Workload = Workload(image, version, replicas: replicas) }, cancellationToken);
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>2xx responses per HAProxy server of the app (one server per replica), from <c>show stat</c>'s <c>hrsp_2xx</c>.</summary>
    public async Task<IReadOnlyDictionary<string, long>> AnswersPerServerAsync(CancellationToken cancellationToken)
    {
        var csv = await new HaproxyRuntimeClient(HaproxySocket).SendAsync("show stat", cancellationToken);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var columns = lines.First(l => l.StartsWith("# pxname", StringComparison.Ordinal))[2..].Split(',');
        var answers = Array.IndexOf(columns, "hrsp_2xx");
        return lines.Select(l => l.Split(',')).Where(f => f.Length > answers && f[0] == App && f[1] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(f => f[1], f => long.Parse(f[answers], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public string HaproxyLog => DaemonProcess.Tail(Temp.Combine("haproxy.log"));

    public async Task<IList<ContainerListResponse>> ContainersAsync(CancellationToken cancellationToken) =>
        await Target.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={App}"] = true } },
        }, cancellationToken);

    private static async Task<bool> DockerAnswersAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/var/run/docker.sock"))
            return false;
        using var docker = new DockerClientBuilder().WithEndpoint(new Uri("unix:///var/run/docker.sock")).Build();
        try
        {
            await docker.System.PingAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or DockerApiException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var container in await ContainersAsync(CancellationToken.None))
                await Target.Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
            foreach (var image in _images)
            {
                try { await Target.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true }); }
                catch (DockerApiException) { }
            }
        }
        finally
        {
            DaemonProcess.Stop(HaproxyPid);
            Target.Dispose();
            Temp.Dispose();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.DockerHost;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.Benchmarks;

/// <summary>HAProxy on free ports + a temp state dir + busybox images, all removed on dispose.</summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly List<string> _images = [];

    private BenchStack(string directory, int port)
    {
        Directory = directory;
        FrontendPort = port;
        Target = SecondShell(Events);
    }

    /// <summary>A target over the same state and HAProxy, as another process would build it.</summary>
    public DockerHostTarget SecondShell(IRolloutEvents? events = null) => DockerHostTarget.Create(new DockerHostOptions
    {
        StateDirectory = Path.Combine(Directory, "state"),
        HaproxySocketPath = Path.Combine(Directory, "haproxy.sock"),
        Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50) },
        Events = events,
    });

    public const string App = "bench";
    public string Directory { get; }
    public int FrontendPort { get; }
    public EventLog Events { get; } = new();
    public DockerHostTarget Target { get; }
    public Uri Url => new($"http://127.0.0.1:{FrontendPort}/version");

    public static async Task<BenchStack> StartAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ccb-bench").FullName;
        var stack = new BenchStack(directory, FreePort());
        var config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, HaproxyConfig.Render(Path.Combine(directory, "haproxy.sock"), FreePort(), [new HaproxyApp(App, stack.FrontendPort)]), cancellationToken);
        await DaemonProcess.StartAsync("/usr/sbin/haproxy", ["-f", config], Path.Combine(directory, "haproxy.pid"), Path.Combine(directory, "haproxy.log"),
            stack.FrontendPort, TimeSpan.FromSeconds(10), cancellationToken);
        return stack;
    }

    public async Task<WorkloadSpec> WorkloadAsync(string version, CancellationToken cancellationToken)
    {
        var tag = $"ccb-bench:{version}";
        await BusyboxImages.BuildAsync(Target.Docker, tag, version, healthy: true, cancellationToken);
        _images.Add(tag);
        return new WorkloadSpec { Image = tag, HealthCheck = new HealthCheckSpec { Interval = TimeSpan.FromMilliseconds(100) } };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        var containers = await Target.Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{DockerLabels.App}={App}"] = true } },
        });
        foreach (var container in containers)
            await Target.Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        foreach (var image in _images)
            await Target.Docker.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true, NoPrune = true });
        DaemonProcess.Stop(Path.Combine(Directory, "haproxy.pid"));
        Target.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

internal sealed class EventLog : IRolloutEvents
{
    private readonly List<RolloutEvent> _events = [];

    public RolloutEvent? Last(RolloutEventKind kind)
    {
        lock (_events) return _events.LastOrDefault(e => e.Kind == kind);
    }

    public void Publish(RolloutEvent rolloutEvent)
    {
        lock (_events) _events.Add(rolloutEvent);
    }
}

using ContainerCloudBuild.Rollouts.DockerHost.Haproxy;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Testing;

[assembly: AssemblyFixture(typeof(ContainerCloudBuild.Rollouts.Analysis.Tests.Support.SharedServers))]

namespace ContainerCloudBuild.Rollouts.Analysis.Tests.Support;

/// <summary>
/// One HAProxy (with a frontend per test application) and one Prometheus scraping its exporter every second,
/// shared by the test assembly: Prometheus needs about 5 s before its first scrape, too long to pay per test.
/// Each test takes its own application (frontend + backend) with <see cref="TakeApp"/>.
/// </summary>
public sealed class SharedServers : IAsyncLifetime
{
    public const int AppSlots = 16;
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    private readonly TempDirectory _temp = new("ccb-ra-shared");
    private readonly List<HaproxyApp> _apps = [.. Enumerable.Range(0, AppSlots).Select(i => new HaproxyApp($"ra{Guid.NewGuid():N}"[..10], FreePort.Next()))];
    private int _next;

    public bool Available { get; private set; }
    public string Missing { get; private set; } = "";
    public int HaproxyMetricsPort { get; } = FreePort.Next();
    public string HaproxySocket => _temp.Combine("haproxy.sock");
    public PrometheusProcess Prometheus { get; private set; } = null!;
    private string HaproxyPid => _temp.Combine("haproxy.pid");

    public async ValueTask InitializeAsync()
    {
        Missing = !File.Exists("/usr/sbin/haproxy") ? "haproxy (apt-get install haproxy)"
            : !File.Exists(PrometheusProcess.Binary) ? "prometheus (apt-get install prometheus)"
            : !BusyboxImages.Available ? "busybox-static (apt-get install busybox-static)"
            : !File.Exists("/var/run/docker.sock") ? "a Docker engine on /var/run/docker.sock (./build.sh Prerequisites starts dockerd)"
            : "";
        if (Missing.Length > 0)
            return;
        await File.WriteAllTextAsync(_temp.Combine("haproxy.cfg"), HaproxyConfig.Render(HaproxySocket, HaproxyMetricsPort, _apps), CancellationToken.None);
        await DaemonProcess.StartAsync("/usr/sbin/haproxy", ["-f", _temp.Combine("haproxy.cfg")], HaproxyPid, _temp.Combine("haproxy.log"),
            HaproxyMetricsPort, TimeSpan.FromSeconds(10), CancellationToken.None);
        Prometheus = await PrometheusProcess.StartAsync(_temp.Combine("prometheus"), HaproxyMetricsPort, ScrapeInterval, CancellationToken.None);
        Available = true;
    }

    /// <summary>Skips locally (fails in CI) when a server could not be provided.</summary>
    public void Require() => RequiredService.Require(Available, Missing, "Install it; the tests start their own HAProxy and Prometheus.");

    /// <summary>A fresh application for one test: its HAProxy frontend port and backend name.</summary>
    public HaproxyApp TakeApp()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        return index < _apps.Count ? _apps[index] : throw new InvalidOperationException($"More than {AppSlots} tests took an application; raise SharedServers.AppSlots.");
    }

    public string TempPath(string name) => _temp.Combine(name);

    public ValueTask DisposeAsync()
    {
        Prometheus?.Dispose();
        DaemonProcess.Stop(HaproxyPid);
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}

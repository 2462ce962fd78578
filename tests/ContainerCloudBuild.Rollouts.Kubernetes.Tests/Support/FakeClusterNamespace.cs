using k8s;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Testing;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>The fake API server with a fresh namespace and a client; builds rollout targets (one per "process") on it.</summary>
public sealed class FakeClusterNamespace : ClusterNamespace
{
    public const string App = "shop";

    private FakeClusterNamespace(FakeKubeApiServer api, string ns)
        : base(api.CreateClient(), ns, "fake cluster", realImage: null)
    {
        Api = api;
    }

    public FakeKubeApiServer Api { get; }

    /// <summary>Short Lease and fast command polling, so crash and hand-over tests take seconds.</summary>
    public static LeaseSettings FastLease { get; } = new() { Duration = TimeSpan.FromSeconds(3), RenewInterval = TimeSpan.FromMilliseconds(500) };

    public static async Task<FakeClusterNamespace> StartAsync(CancellationToken cancellationToken)
    {
        var api = await FakeKubeApiServer.StartAsync(cancellationToken);
        var ns = "t-" + Guid.NewGuid().ToString("N")[..10];
        var cluster = new FakeClusterNamespace(api, ns);
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return cluster;
    }

    public static string Image(string version) => $"registry.example/{App}:{version}";

    public static WorkloadSpec Workload(string version, int replicas = 2) => new()
    {
        Image = Image(version),
        Replicas = replicas,
        Environment = new Dictionary<string, string> { ["VERSION"] = version },
        HealthCheck = new HealthCheckSpec { Deadline = TimeSpan.FromSeconds(20) },
    };

    public static BlueGreenSpec BlueGreenTo(string version, TimeSpan? scaleDownDelay = null) => new()
    {
        App = App,
        Revision = version,
        Workload = Workload(version),
        ScaleDownDelay = scaleDownDelay ?? TimeSpan.FromMilliseconds(300),
        DrainTimeout = TimeSpan.FromSeconds(1),
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Api.DisposeAsync();
    }
}

using k8s;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Testing;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>The fake API server with a fresh namespace and a client; builds rollout targets (one per "process") on it.</summary>
public sealed class FakeClusterNamespace : IAsyncDisposable
{
    public const string App = "shop";

    private FakeClusterNamespace(FakeKubeApiServer api, string ns)
    {
        Api = api;
        Namespace = ns;
        Client = api.CreateClient();
    }

    public FakeKubeApiServer Api { get; }
    public string Namespace { get; }
    public k8s.Kubernetes Client { get; }
    public RecordingRolloutEvents Events { get; } = new();

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

    public KubernetesRolloutTarget Target(IAnalysisRunner? analysis = null, LeaseSettings? lease = null, ITrafficRouter? router = null) =>
        KubernetesRolloutTarget.Create(Client, Namespace, "fake cluster", Options(analysis, lease), router);

    public KubernetesRolloutOptions Options(IAnalysisRunner? analysis = null, LeaseSettings? lease = null) => new()
    {
        Analysis = analysis,
        Events = Events,
        Lease = lease ?? FastLease,
        Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50), CommandAckTimeout = TimeSpan.FromSeconds(20) },
    };

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

    /// <summary>The revision the active Service selects now.</summary>
    public async Task<string?> ActiveRevisionAsync(CancellationToken cancellationToken) =>
        (await Client.CoreV1.ReadNamespacedServiceAsync(App, Namespace, cancellationToken: cancellationToken)).Spec.Selector.TryGetValue(RolloutLabels.Revision, out var r) ? r : null;

    public async Task<IReadOnlyList<string>> SlotNamesAsync(CancellationToken cancellationToken) =>
        [.. (await Client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken)).Items.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal)];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}

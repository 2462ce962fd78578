using ContainerCloudBuild.Rollouts.Kubernetes.State;
using ContainerCloudBuild.Rollouts.Testing;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

/// <summary>
/// A fresh namespace of the cluster a rollout scenario runs on: the fake API server (<see cref="FakeClusterNamespace"/>), or,
/// opt-in, the real cluster <see cref="KubeconfigVariable"/> names, running the pullable image <see cref="ImageVariable"/> names.
/// Builds rollout targets (one per "process") on it and reads back what the routers wrote.
/// </summary>
public class ClusterNamespace : IAsyncDisposable
{
    public const string KubeconfigVariable = "CCB_E2E_KUBECONFIG";
    public const string ContextVariable = "CCB_E2E_CONTEXT";
    /// <summary>Not CCB_E2E_IMAGE (any image that keeps running, for the apply tests): slots are probed over HTTP, so this one must answer.</summary>
    public const string ImageVariable = "CCB_E2E_HTTP_IMAGE";

    private readonly string? _realImage;

    protected ClusterNamespace(k8s.Kubernetes client, string ns, string where, string? realImage)
    {
        Client = client;
        Namespace = ns;
        Where = where;
        _realImage = realImage;
    }

    public k8s.Kubernetes Client { get; }
    public string Namespace { get; }
    public string Where { get; }
    public RecordingRolloutEvents Events { get; } = new();
    public bool IsReal => _realImage is not null;

    /// <summary>How long to wait for pods: the fake's are ready at once, a real cluster pulls images and runs probes.</summary>
    public TimeSpan Patience => IsReal ? TimeSpan.FromMinutes(3) : TimeSpan.FromSeconds(20);

    public static TheoryData<string> Kinds => new() { "fake", "real" };

    /// <summary>The fake API server (<c>fake</c>) or the opt-in real cluster (<c>real</c>, skipped unless both variables are set).</summary>
    public static async Task<ClusterNamespace> OpenAsync(string kind, CancellationToken cancellationToken)
    {
        if (kind == "fake")
            return await FakeClusterNamespace.StartAsync(cancellationToken);
        var kubeconfig = Environment.GetEnvironmentVariable(KubeconfigVariable);
        var image = Environment.GetEnvironmentVariable(ImageVariable);
        if (string.IsNullOrEmpty(kubeconfig) || string.IsNullOrEmpty(image))
            Assert.Skip($"Opt-in: set {KubeconfigVariable} to the kubeconfig of a disposable cluster and {ImageVariable} to an image its nodes can pull "
                + $"that answers HTTP 2xx on port 8080 at / (e.g. nginxinc/nginx-unprivileged:alpine) (optionally {ContextVariable}) to run this scenario against it; see README, \"The opt-in real-cluster suite\".");
        var context = Environment.GetEnvironmentVariable(ContextVariable);
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, string.IsNullOrEmpty(context) ? null : context));
        var ns = "ccb-e2e-" + Guid.NewGuid().ToString("N")[..10];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return new ClusterNamespace(client, ns, $"cluster of {kubeconfig}{(string.IsNullOrEmpty(context) ? "" : $" context {context}")}", image);
    }

    /// <summary>Skips the scenario (with the missing kind) when the cluster does not serve <paramref name="apiVersion"/>: routing CRDs are optional.</summary>
    public async Task RequireServedAsync(string apiVersion, string kind, string howTo, CancellationToken cancellationToken)
    {
        var groups = await Client.Apis.GetAPIVersionsAsync(cancellationToken);
        var group = apiVersion.Split('/')[0];
        var served = groups.Groups.Any(g => g.Name == group && g.Versions.Any(v => v.GroupVersion == apiVersion));
        if (!served)
            Assert.Skip($"The cluster ({Where}) does not serve {kind} ({apiVersion}): {howTo}");
    }

    /// <summary>On a real cluster, skips the scenario unless ingress-nginx is installed (its IngressClass <c>nginx</c>); the fake needs none.</summary>
    public async Task RequireIngressNginxAsync(CancellationToken cancellationToken)
    {
        await RequireServedAsync("networking.k8s.io/v1", "Ingress", "Ingress is built into Kubernetes since 1.19; use a newer cluster.", cancellationToken);
        if (!IsReal)
            return;
        var classes = await Client.NetworkingV1.ListIngressClassAsync(cancellationToken: cancellationToken);
        if (!classes.Items.Any(c => c.Metadata.Name == "nginx"))
            Assert.Skip($"The cluster ({Where}) has no IngressClass 'nginx': install ingress-nginx (https://kubernetes.github.io/ingress-nginx/deploy/) to run the nginx canary against it.");
    }

    public string ImageOf(string version) => _realImage ?? FakeClusterNamespace.Image(version);

    /// <summary>The revision's workload: on a real cluster the one pullable image (revisions differ by VERSION), probed at /.</summary>
    public WorkloadSpec WorkloadOf(string version) => FakeClusterNamespace.Workload(version) with
    {
        Image = ImageOf(version),
        HealthCheck = IsReal ? new HealthCheckSpec { Path = "/", Deadline = Patience } : FakeClusterNamespace.Workload(version).HealthCheck,
    };

    public BlueGreenSpec BlueGreenOf(string version, TimeSpan? scaleDownDelay = null) =>
        FakeClusterNamespace.BlueGreenTo(version, scaleDownDelay) with { Workload = WorkloadOf(version) };

    public KubernetesRolloutTarget Target(IAnalysisRunner? analysis = null, LeaseSettings? lease = null, ITrafficRouter? router = null) =>
        KubernetesRolloutTarget.Create(Client, Namespace, Where, Options(analysis, lease), router);

    public KubernetesRolloutOptions Options(IAnalysisRunner? analysis = null, LeaseSettings? lease = null) => new()
    {
        Analysis = analysis,
        Events = Events,
        Lease = lease ?? FakeClusterNamespace.FastLease,
        Controller = new RolloutControllerOptions { CommandPollInterval = TimeSpan.FromMilliseconds(50), CommandAckTimeout = TimeSpan.FromSeconds(20) },
    };

    /// <summary>The revision the active Service selects now.</summary>
    public async Task<string?> ActiveRevisionAsync(CancellationToken cancellationToken) =>
        (await Client.CoreV1.ReadNamespacedServiceAsync(FakeClusterNamespace.App, Namespace, cancellationToken: cancellationToken)).Spec.Selector
            .TryGetValue(RolloutLabels.Revision, out var r) ? r : null;

    public async Task<IReadOnlyList<string>> SlotNamesAsync(CancellationToken cancellationToken) =>
        [.. (await Client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken)).Items.Select(d => d.Metadata.Name).Order(StringComparer.Ordinal)];

    /// <summary>Each slot's desired replicas, by slot name (what the replica-ratio router sets).</summary>
    public async Task<Dictionary<string, int>> SlotReplicasAsync(CancellationToken cancellationToken) =>
        (await Client.AppsV1.ListNamespacedDeploymentAsync(Namespace, cancellationToken: cancellationToken)).Items
            .ToDictionary(d => d.Metadata.Name, d => d.Spec.Replicas ?? 1, StringComparer.Ordinal);

    /// <summary>Deletes a real cluster's namespace (the fake server goes away whole).</summary>
    public virtual async ValueTask DisposeAsync()
    {
        try
        {
            if (IsReal)
                await Client.CoreV1.DeleteNamespaceAsync(Namespace, cancellationToken: CancellationToken.None);
        }
        finally
        {
            Client.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}

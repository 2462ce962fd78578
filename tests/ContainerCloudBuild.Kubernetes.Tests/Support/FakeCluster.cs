using System.Collections.Concurrent;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Support;

/// <summary>
/// The fake API server with a fresh namespace, a kubeconfig for it, an open <see cref="ClusterConnection"/>, a renderer
/// over the repository's templates and a captured output: everything a deploy test needs.
/// </summary>
internal sealed class FakeCluster : IAsyncDisposable
{
    private readonly TempDirectory _temp = new("ccb-kube");
    private readonly ManifestRenderer _renderer = new();

    private FakeCluster(FakeKubeApiServer api, string ns)
    {
        Api = api;
        Namespace = ns;
        Kubeconfig = _temp.Combine("kubeconfig");
        api.WriteKubeconfig(Kubeconfig, "fake", ns);
        Connection = ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = Kubeconfig }, Masker);
    }

    public FakeKubeApiServer Api { get; }
    public string Namespace { get; }
    public string Kubeconfig { get; }
    public SecretMasker Masker { get; } = new();
    public ClusterConnection Connection { get; }
    public ConcurrentQueue<string> Output { get; } = new();
    public string OutputText => string.Join("\n", Output);

    public static async Task<FakeCluster> StartAsync(CancellationToken cancellationToken)
    {
        var api = await FakeKubeApiServer.StartAsync(cancellationToken);
        var ns = "t-" + Guid.NewGuid().ToString("N")[..10];
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return new FakeCluster(api, ns);
    }

    public KubernetesServiceDeployer Deployer() => new(Connection, Masker, Output.Enqueue, TimeProvider.System);

    public KubeApi KubeApi() => new(Connection);

    /// <summary>Renders the service <paramref name="name"/> from values written for this test (image tag, replicas, extra values).</summary>
    public async Task<IReadOnlyList<RenderedDocument>> RenderAsync(string name, string tag, int replicas, string extraValues, CancellationToken cancellationToken)
    {
        var folder = _temp.Combine(name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"),
            $"name: {name}\nimage:\n  repository: registry.example/{name}\n  tag: \"{tag}\"\nreplicas: {replicas}\n{extraValues}", cancellationToken);
        var result = await _renderer.RenderAsync(RenderRequest.ForService(RepositoryTemplates(), folder, null), cancellationToken);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Documents;
    }

    public Task<KubernetesDeployResult> DeployAsync(string service, IReadOnlyList<RenderedDocument> documents, CancellationToken cancellationToken,
        ApplyOptions? apply = null, RolloutWaitOptions? wait = null) =>
        Deployer().DeployAsync(service, documents, apply ?? new ApplyOptions(), wait ?? new RolloutWaitOptions { Timeout = TimeSpan.FromSeconds(20) }, cancellationToken);

    private static string RepositoryTemplates()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates", "manifests");
            if (File.Exists(Path.Combine(candidate, "defaults.yaml")))
                return candidate;
        }
        throw new InvalidOperationException("templates/manifests not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Connection.Dispose();
        await Api.DisposeAsync();
        _temp.Dispose();
    }
}

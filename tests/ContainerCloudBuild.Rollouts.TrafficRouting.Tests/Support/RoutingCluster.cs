using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Testing;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.Tests.Support;

/// <summary>The fake API server with a fresh namespace, a client, the routers' <see cref="ClusterRouting"/> and their captured output.</summary>
internal sealed class RoutingCluster : IAsyncDisposable
{
    private RoutingCluster(FakeKubeApiServer api, k8s.Kubernetes client, string ns)
    {
        Api = api;
        Client = client;
        Namespace = ns;
        KubeApi = new KubeApi(client, $"fake cluster, namespace {ns}");
        Routing = new ClusterRouting { Api = KubeApi, Namespace = ns, DrainGrace = TimeSpan.Zero, Output = Output.Enqueue };
    }

    public FakeKubeApiServer Api { get; }
    public k8s.Kubernetes Client { get; }
    public string Namespace { get; }
    public KubeApi KubeApi { get; }
    public ClusterRouting Routing { get; }
    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<RoutingCluster> StartAsync(CancellationToken cancellationToken)
    {
        var api = await FakeKubeApiServer.StartAsync(cancellationToken);
        var client = api.CreateClient();
        var ns = "t-" + Guid.NewGuid().ToString("N")[..10];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return new RoutingCluster(api, client, ns);
    }

    /// <summary>Applies an object (YAML/JSON as a JsonObject) as the deploy would, with our field manager.</summary>
    public Task<JsonObject> ApplyAsync(ResourceKind kind, JsonObject body, CancellationToken cancellationToken) =>
        KubeApi.ApplyAsync(new ResourceId(kind, Namespace, body["metadata"]!["name"]!.GetValue<string>()), body, ApplyOptions.DefaultFieldManager,
            force: false, dryRun: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}

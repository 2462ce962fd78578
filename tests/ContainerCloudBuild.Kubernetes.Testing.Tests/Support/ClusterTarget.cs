using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests.Support;

/// <summary>
/// Where a parity scenario runs: the fake API server, or (opt-in) the real cluster CCB_E2E_KUBECONFIG names,
/// each in a fresh namespace deleted afterwards.
/// </summary>
public sealed class ClusterTarget : IAsyncDisposable
{
    public const string KubeconfigVariable = "CCB_E2E_KUBECONFIG";

    private readonly FakeKubeApiServer? fake;

    private ClusterTarget(k8s.Kubernetes client, string @namespace, FakeKubeApiServer? fake)
    {
        Client = client;
        Namespace = @namespace;
        this.fake = fake;
    }

    public k8s.Kubernetes Client { get; }

    public string Namespace { get; }

    public static TheoryData<string> Kinds => new() { "fake", "real" };

    public static async Task<ClusterTarget> OpenAsync(string kind, CancellationToken cancellationToken)
    {
        FakeKubeApiServer? fake = null;
        k8s.Kubernetes client;
        if (kind == "fake")
        {
            fake = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { RunControllers = false }, cancellationToken);
            client = fake.CreateClient();
        }
        else
        {
            var kubeconfig = Environment.GetEnvironmentVariable(KubeconfigVariable);
            if (string.IsNullOrEmpty(kubeconfig))
                Assert.Skip($"Opt-in: set {KubeconfigVariable} to a kubeconfig of a disposable cluster to run this scenario against it.");
            client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        }
        var ns = $"ccb-parity-{Guid.NewGuid():N}"[..20];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        return new ClusterTarget(client, ns, fake);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Namespace, cancellationToken: CancellationToken.None);
        }
        finally
        {
            Client.Dispose();
            if (fake is not null) await fake.DisposeAsync();
        }
    }
}

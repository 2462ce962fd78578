using ContainerCloudBuild.Deploy;
using ContainerCloudBuild.Deploy.Kubernetes;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Kubernetes.Testing;
using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Testing;
using ContainerCloudBuild.Tests.EndToEnd;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>A DeployBuild run in-process against the fake API server: a fresh namespace, a kubeconfig, the service <c>orders</c>.</summary>
internal sealed class KubernetesBuildHarness : IAsyncDisposable
{
    /// <summary>The DeployBuild of a team, with the analysis runner the tests give it (none by default).</summary>
    private sealed class Build(IAnalysisRunner? analysis) : DeployBuild
    {
        protected override KubernetesDeployOptions CreateKubernetesDeployOptions() => base.CreateKubernetesDeployOptions() with { Analysis = analysis };
    }

    private readonly IAnalysisRunner? _analysis;

    private KubernetesBuildHarness(FakeKubeApiServer api, string ns, TempDirectory root, string extraValues, IAnalysisRunner? analysis)
    {
        _analysis = analysis;
        Api = api;
        Namespace = ns;
        Root = root;
        Kubeconfig = root.Combine("kubeconfig");
        api.WriteKubeconfig(Kubeconfig, "fake", ns);
        Service = root.Combine("services", "orders");
        root.WriteFile("services/orders/values.yaml", "name: orders\nimage:\n  repository: registry.example/orders\n  tag: \"1\"\nreplicas: 2\n" + extraValues);
    }

    public FakeKubeApiServer Api { get; }
    public string Namespace { get; }
    public TempDirectory Root { get; }
    public string Kubeconfig { get; }
    public string Service { get; }
    public MemoryBuildOutput Output { get; } = new();

    /// <summary>The run record of each finished run, by the output it wrote to (what the run report is rendered from).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<MemoryBuildOutput, RunRecord> Records { get; } = new();

    /// <param name="analysis">Judges the analysis steps of every run (a stand-in such as <c>FakeAnalysisRunner</c>); none when null.</param>
    public static async Task<KubernetesBuildHarness> StartAsync(CancellationToken ct, string extraValues = "", IAnalysisRunner? analysis = null)
    {
        var api = await FakeKubeApiServer.StartAsync(ct);
        var ns = "b-" + Guid.NewGuid().ToString("N")[..10];
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        return new KubernetesBuildHarness(api, ns, new TempDirectory("ccb-kube-build"), extraValues, analysis);
    }

    public Task<int> RunAsync(CancellationToken ct, params string[] args) => RunAsync(Output, ct, args);

    public Task<int> RunAsync(MemoryBuildOutput output, CancellationToken ct, params string[] args) =>
        BuildRunner.RunAsync(new Build(_analysis), [.. args, "--platform", "kubernetes", "--kubeconfig", Kubeconfig, "--service", Service,
            "--templates", Path.Combine(RepositoryRoot.Path, "templates", "manifests")], new BuildRunSettings
        {
            RootDirectory = Root.Path,
            Output = output,
            Environment = new Dictionary<string, string?>(),
            OnRunCompleted = (record, _, _) =>
            {
                Records[output] = record;
                return Task.CompletedTask;
            },
        }, ct);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Root.Dispose();
    }
}

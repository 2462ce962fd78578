using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Manifests;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.RealCluster;

/// <summary>
/// Opt-in: the deploy scenarios against a real cluster. Set <c>CCB_E2E_KUBECONFIG</c> (and optionally <c>CCB_E2E_CONTEXT</c>
/// and <c>CCB_E2E_IMAGE</c>, an image that keeps running, default <c>registry.k8s.io/pause:3.10</c>); each test creates
/// and deletes its own namespace. Skipped when the variable is not set, also in CI.
/// </summary>
public sealed class RealClusterTests
{
    private static readonly string? Kubeconfig = Environment.GetEnvironmentVariable("CCB_E2E_KUBECONFIG");

    /// <summary>Why these tests skip: they are opt-in, so they skip in CI too (CI=true does not make them fail).</summary>
    public const string SkipMessage = "Real-cluster test (opt-in, skipped also in CI): set CCB_E2E_KUBECONFIG=<kubeconfig of a cluster you may create namespaces in> " +
        "[CCB_E2E_CONTEXT=<context>] to run it; see README, \"On a Kubernetes cluster\".";
    private static readonly string Image = Environment.GetEnvironmentVariable("CCB_E2E_IMAGE") ?? "registry.k8s.io/pause:3.10";

    private static async Task<(ClusterConnection Connection, SecretMasker Masker, List<string> Output)> OpenAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Kubeconfig))
            Assert.Skip(SkipMessage);
        var masker = new SecretMasker();
        var ns = "ccb-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var connection = ClusterConnection.Open(new ClusterAccessOptions
        {
            KubeconfigPath = Kubeconfig, Context = Environment.GetEnvironmentVariable("CCB_E2E_CONTEXT"), Namespace = ns,
        }, masker);
        await connection.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: ct);
        return (connection, masker, []);
    }

    private static async Task<IReadOnlyList<RenderedDocument>> RenderAsync(TempDirectory temp, string image, string extra, CancellationToken ct)
    {
        var folder = temp.Combine("svc-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        await File.WriteAllTextAsync(Path.Combine(folder, "values.yaml"), $"""
            name: e2e
            image:
              repository: {repository}
              tag: "{tag}"
            replicas: 2
            probes:
              liveness:
                enabled: false
              readiness:
                enabled: false
            {extra}
            """, ct);
        var templates = Path.Combine(AppContext.BaseDirectory, "templates", "manifests");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); !File.Exists(Path.Combine(templates, "defaults.yaml")) && dir is not null; dir = dir.Parent)
            templates = Path.Combine(dir.FullName, "templates", "manifests");
        var result = await new ManifestRenderer().RenderAsync(RenderRequest.ForService(templates, folder, null), ct);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return result.Documents;
    }

    [Fact]
    public async Task Deploy_RealCluster_RollsOutPrunesAndExplainsImagePullFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        var (connection, masker, output) = await OpenAsync(ct);
        using var temp = new TempDirectory();
        try
        {
            var deployer = new KubernetesServiceDeployer(connection, masker, output.Add, TimeProvider.System);
            var wait = new RolloutWaitOptions { Timeout = TimeSpan.FromMinutes(3) };
            var first = await deployer.DeployAsync("e2e", await RenderAsync(temp, Image, "config:\n  enabled: true\n  data:\n    A: b", ct), new ApplyOptions(), wait, ct);
            Assert.True(first.Succeeded, string.Join("\n", output));

            var second = await deployer.DeployAsync("e2e", await RenderAsync(temp, Image, "", ct), new ApplyOptions(), wait, ct);
            Assert.True(second.Succeeded, string.Join("\n", output));
            Assert.Contains(second.Apply.Pruned, p => p.Kind.Kind == "ConfigMap" && p.Name == "e2e-config");

            var broken = await deployer.DeployAsync("e2e", await RenderAsync(temp, "registry.k8s.io/pause:does-not-exist-ccb", "", ct), new ApplyOptions(), wait, ct);
            var text = broken.Rollouts.Single().Outcome.Describe(masker.Apply);
            Assert.False(broken.Succeeded);
            Assert.Contains("image cannot be pulled", text, StringComparison.Ordinal);
            Assert.Contains("pause:does-not-exist-ccb", text, StringComparison.Ordinal);
        }
        finally
        {
            await connection.Client.CoreV1.DeleteNamespaceAsync(connection.Namespace, cancellationToken: CancellationToken.None);
            connection.Dispose();
        }
    }
}

using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Rollouts.Analysis.Templates;
using ContainerCloudBuild.Rollouts.Testing;
using ContainerCloudBuild.Tests.Deploy.Support;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>
/// <c>Deploy --platform kubernetes --strategy canary --prometheus-url</c> against the fake API server, the analysis step
/// "nginx-canary" judged by Debian's Prometheus scraping an exporter shaped like ingress-nginx's metrics for the deploy's namespace.
/// </summary>
public sealed class KubernetesCanaryPrometheusTests(RouterPrometheusFixture prometheus) : IClassFixture<RouterPrometheusFixture>
{
    private const string Steps = "  drainTimeoutSeconds: 1\n  canarySteps:\n    - setWeight: 30\n    - analysis: " + RouterCanaryTemplate.NginxName + "\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 180_000)]
    public async Task Deploy_NginxCanaryHealthyInPrometheus_PromotesTheNewRevision()
    {
        prometheus.Require();
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor("nginx") + Steps);
        await KubernetesCanaryBuildTests.DeployFirstAsync(h, "nginx");
        await ServeCanaryAsync(h, failing: false);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2", "--prometheus-url", prometheus.PrometheusUrl.ToString());

        Assert.True(exit == 0, deploy.Text);
        Says(deploy, $"{RouterCanaryTemplate.NginxName} Successful: all 2 metric(s) passed");
        Says(deploy, $"{IngressNginxTemplates.SuccessRate.Name} #5: value 1 vs success >= 0.99 -> Successful");
        var serving = Assert.Single(StoredRouterWeights.Read(h.Api, h.Namespace, "nginx"));
        Assert.Equal(100, serving.Value);
        Assert.StartsWith("orders-2-", serving.Key, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task Deploy_NginxCanaryAnswering5xxInPrometheus_RolledBackNamingTheQueryAndTheValue()
    {
        prometheus.Require();
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor("nginx") + Steps);
        var stable = await KubernetesCanaryBuildTests.DeployFirstAsync(h, "nginx");
        await ServeCanaryAsync(h, failing: true);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2", "--prometheus-url", prometheus.PrometheusUrl.ToString());

        Assert.True(exit != 0, deploy.Text);
        Says(deploy, $"analysis '{RouterCanaryTemplate.NginxName}' failed: metric '{IngressNginxTemplates.SuccessRate.Name}' failed");
        Says(deploy, "value 0 does not meet the success condition >= 0.99");
        Assert.Equal(new Dictionary<string, int> { [stable] = 100 }, StoredRouterWeights.Read(h.Api, h.Namespace, "nginx"));
        Assert.DoesNotContain(h.Api.Store.List<V1Deployment>(h.Namespace), d => d.Metadata.Name.StartsWith("orders-2-", StringComparison.Ordinal));
    }

    private static void Says(MemoryBuildOutput deploy, string expected) =>
        Assert.True(deploy.Text.Contains(expected, StringComparison.Ordinal), $"the deploy did not say \"{expected}\":\n{deploy.Text}");

    /// <summary>The exporter serves ingress-nginx's series of the Ingress "orders" in the deploy's namespace; waits for 4 scrapes (a rate needs 2).</summary>
    private async Task ServeCanaryAsync(KubernetesBuildHarness h, bool failing)
    {
        prometheus.Exporter.Canary(h.Namespace, failing, ingress: "orders");
        await prometheus.WaitForScrapesAsync(h.Namespace, 4, Ct);
    }
}

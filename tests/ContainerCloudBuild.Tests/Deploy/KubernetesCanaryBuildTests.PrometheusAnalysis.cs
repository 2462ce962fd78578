using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Tests.Deploy.Support;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary>The built-in router templates through <c>--prometheus-url</c>: which template a router accepts, and what a step without Prometheus says.</summary>
public sealed partial class KubernetesCanaryBuildTests
{
    public static TheoryData<string, string, string[], string> TemplateRefusals => new()
    {
        { "nginx", "openshift-router-canary", ["--prometheus-url", "http://127.0.0.1:9/"], "this canary routes through nginx; its built-in template is 'nginx-canary'" },
        { "openshift", "nginx-canary", ["--prometheus-url", "http://127.0.0.1:9/"], "this canary routes through openshift; its built-in template is 'openshift-router-canary'" },
        { "gateway", "nginx-canary", ["--prometheus-url", "http://127.0.0.1:9/"], "no built-in template reads Gateway API traffic" },
        { "openshift", "openshift-router-canary", [], "analysis 'openshift-router-canary' needs Prometheus: pass --prometheus-url" },
    };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(TemplateRefusals))]
    public async Task Deploy_CanaryAnalysisTemplateThatCannotRun_RolledBackSayingWhatToUse(string router, string template, string[] prometheus, string expected)
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, StoredRouterWeights.ValuesFor(router)
            + $"  drainTimeoutSeconds: 1\n  canarySteps:\n    - setWeight: 30\n    - analysis: {template}\n");
        var stable = await DeployFirstAsync(h, router);

        var deploy = new MemoryBuildOutput();
        var exit = await h.RunAsync(deploy, Ct, ["Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2", .. prometheus]);

        Assert.True(exit != 0, deploy.Text);
        Assert.Contains(expected, deploy.Text, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { [stable] = 100 }, StoredRouterWeights.Read(h.Api, h.Namespace, router));
    }
}

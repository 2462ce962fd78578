using ContainerCloudBuild.Reporting;
using ContainerCloudBuild.Rollouts.Hosting;
using ContainerCloudBuild.Secrets;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary><c>Deploy --platform kubernetes</c> and <c>Status</c> of a DeployBuild, run in-process against the fake API server (no Docker, no stack).</summary>
public sealed class KubernetesDeployBuildTests
{
    [Fact]
    public async Task Deploy_PlatformKubernetes_RollsOutWithoutTheLocalStackAndStatusShowsIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await KubernetesBuildHarness.StartAsync(ct);
        h.Api.Behaviour.For(h.Namespace, "orders").ReadyAfter(TimeSpan.FromMilliseconds(300));

        var exit = await h.RunAsync(ct, "Deploy", "--strategy", "rolling", "--deploy-image", "registry.example/orders:2");

        Assert.True(exit == 0, h.Output.Text);
        Assert.Contains("deployment \"orders\" successfully rolled out (2 of 2 replicas available)", h.Output.Text, StringComparison.Ordinal);
        Assert.Equal("registry.example/orders:2", h.Api.Store.Get<V1Deployment>(h.Namespace, "orders")!.Spec.Template.Spec.Containers[0].Image);
        Assert.False(Directory.Exists(Path.Combine(h.Root.Path, ".state", "stack")), "StackUp must not run for Kubernetes");
        var report = RunReport.Render(h.Records[h.Output], new SecretMasker());
        Assert.Contains("rollout-verdict completed", report, StringComparison.Ordinal);
        Assert.Contains("\">Started</td><td>rolling update to registry.example/orders:2 on cluster", report, StringComparison.Ordinal);
        Assert.Contains(">100%</text>", report, StringComparison.Ordinal);

        Assert.Equal(0, await h.RunAsync(ct, "Status"));
        Assert.Contains($"orders on cluster 'fake'", h.Output.Text, StringComparison.Ordinal);
        Assert.True(h.Output.Text.Contains("registry.example/orders:2: Complete", StringComparison.Ordinal), h.Output.Text);
    }

    [Fact]
    public async Task Deploy_CrashingPods_ExitsOneWithTheExplanationFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await KubernetesBuildHarness.StartAsync(ct);
        h.Api.Behaviour.For(h.Namespace, "orders").CrashLoop(1, "panic: no DATABASE_URL");

        var exit = await h.RunAsync(ct, "Deploy");

        Assert.Equal(1, exit);
        Assert.Contains("Deploy failed: RolloutFailedException: deployment \"orders\" cannot become ready", h.Output.Text, StringComparison.Ordinal);
        Assert.Contains("panic: no DATABASE_URL", h.Output.Text, StringComparison.Ordinal);
        var outcome = Assert.Single(h.Records[h.Output].Events, e => e.Kind == RunRecordRolloutEvents.OutcomeKind);
        Assert.EndsWith(": Failed", outcome.Message, StringComparison.Ordinal);
        Assert.Contains("rollout-verdict failed", RunReport.Render(h.Records[h.Output], new SecretMasker()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_DryRun_PrintsWhatWouldBeCreatedAndCreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var h = await KubernetesBuildHarness.StartAsync(ct);

        var exit = await h.RunAsync(ct, "Deploy", "--dry-run");

        Assert.True(exit == 0, h.Output.Text);
        Assert.Contains($"+ Deployment/orders (namespace {h.Namespace}) (created)", h.Output.Text, StringComparison.Ordinal);
        Assert.Null(h.Api.Store.Get<V1Deployment>(h.Namespace, "orders"));
    }
}

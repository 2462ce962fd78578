using System.Globalization;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Kubernetes.Testing.CustomResources;
using ContainerCloudBuild.Rollouts.Kubernetes;
using k8s.Models;

namespace ContainerCloudBuild.Tests.Deploy;

/// <summary><c>Deploy --platform kubernetes --strategy canary</c> with a traffic router, against the fake API server; weights read from the stored objects.</summary>
public sealed class KubernetesCanaryBuildTests
{
    private const string Steps = "rollout:\n  drainTimeoutSeconds: 1\n  canarySteps:\n    - setWeight: 30\n    - pauseUntilPromoted: true\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Routers => new()
    {
        { "nginx", "ingress:\n  enabled: true\n" },
        { "openshift", "openshift:\n  enabled: true\n" },
    };

    [Theory]
    [MemberData(nameof(Routers))]
    public async Task Deploy_CanaryPausedThenPromoted_RouterObjectGoesFrom30To100PercentOnTheNewRevision(string router, string values)
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, values + Steps);
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);
        Assert.Contains($"traffic router {router}", h.Output.Text, StringComparison.Ordinal);
        var first = Serving(h, router);

        var deploying = h.RunAsync(new MemoryBuildOutput(), Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");
        var paused = await WaitForAsync(h, router, w => w.Count == 2, deploying);
        var promote = new MemoryBuildOutput();
        var promoteExit = await h.RunAsync(promote, Ct, "Promote");
        var deployExit = await deploying;

        Assert.Equal(70, paused[first]);
        var candidate = Assert.Single(paused.Keys, k => k != first);
        Assert.StartsWith("orders-2-", candidate, StringComparison.Ordinal);
        Assert.Equal(30, paused[candidate]);
        Assert.True(promoteExit == 0, promote.Text);
        Assert.Equal(0, deployExit);
        Assert.Equal(new Dictionary<string, int> { [candidate] = 100 }, Weights(h, router));
        Assert.Equal("registry.example/orders:2", PodImages(h, candidate).Single());
    }

    [Fact]
    public async Task Abort_CanaryPausedWithNginx_TrafficReturnsToTheStableRevision()
    {
        await using var h = await KubernetesBuildHarness.StartAsync(Ct, "ingress:\n  enabled: true\n" + Steps);
        Assert.True(await h.RunAsync(Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:1") == 0, h.Output.Text);
        var stable = Serving(h, "nginx");

        var deploying = h.RunAsync(new MemoryBuildOutput(), Ct, "Deploy", "--strategy", "canary", "--deploy-image", "registry.example/orders:2");
        await WaitForAsync(h, "nginx", w => w.Count == 2, deploying);
        var abort = new MemoryBuildOutput();
        var abortExit = await h.RunAsync(abort, Ct, "Abort");
        var deployExit = await deploying;

        Assert.True(abortExit == 0, abort.Text);
        Assert.NotEqual(0, deployExit);
        Assert.Equal(new Dictionary<string, int> { [stable] = 100 }, Weights(h, "nginx"));
        Assert.Null(h.Api.Store.Get<V1Ingress>(h.Namespace, "orders-canary"));
    }

    private static string Serving(KubernetesBuildHarness h, string router)
    {
        var weights = Weights(h, router);
        var only = Assert.Single(weights);
        Assert.Equal(100, only.Value);
        Assert.StartsWith("orders-1-", only.Key, StringComparison.Ordinal);
        return only.Key;
    }

    private static async Task<Dictionary<string, int>> WaitForAsync(KubernetesBuildHarness h, string router, Func<Dictionary<string, int>, bool> done, Task<int> deploying)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && !deploying.IsCompleted)
        {
            var weights = Weights(h, router);
            if (done(weights))
                return weights;
            await Task.Delay(50, Ct);
        }
        Assert.Fail($"the {router} weights never reached the paused step: {string.Join(", ", Weights(h, router))} (deploy finished: {deploying.IsCompleted})");
        return [];
    }

    /// <summary>The weights per Service as the stored routing object says (typed models, not the router).</summary>
    private static Dictionary<string, int> Weights(KubernetesBuildHarness h, string router)
    {
        if (router == "openshift")
        {
            var route = h.Api.Store.Get<OpenShiftRoute>(h.Namespace, "orders")!;
            var weights = new Dictionary<string, int> { [route.Spec!.To!.Name!] = route.Spec.To.Weight ?? 100 };
            foreach (var alternate in route.Spec.AlternateBackends ?? [])
                weights[alternate.Name!] = alternate.Weight ?? 100;
            return weights;
        }
        var primary = h.Api.Store.Get<V1Ingress>(h.Namespace, "orders")!;
        var canary = h.Api.Store.Get<V1Ingress>(h.Namespace, "orders-canary");
        var result = new Dictionary<string, int>();
        var canaryWeight = 0;
        if (canary is not null)
        {
            Assert.Equal("true", canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary"]);
            canaryWeight = int.Parse(canary.Metadata.Annotations["nginx.ingress.kubernetes.io/canary-weight"], CultureInfo.InvariantCulture);
            result[Backend(canary)] = canaryWeight;
        }
        result[Backend(primary)] = 100 - canaryWeight;
        return result;
    }

    private static string Backend(V1Ingress ingress) => ingress.Spec.Rules.Single().Http.Paths.Single().Backend.Service.Name;

    /// <summary>The images of the pods the revision Service selects: proves the driver's pod labels match the router's selector.</summary>
    private static IEnumerable<string> PodImages(KubernetesBuildHarness h, string serviceName)
    {
        var selector = h.Api.Store.Get<V1Service>(h.Namespace, serviceName)!.Spec.Selector;
        Assert.Contains(RolloutLabels.Revision, selector.Keys);
        return h.Api.Store.List<V1Deployment>(h.Namespace)
            .Where(d => selector.All(s => d.Spec.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value))
            .Select(d => d.Spec.Template.Spec.Containers[0].Image).Distinct();
    }
}

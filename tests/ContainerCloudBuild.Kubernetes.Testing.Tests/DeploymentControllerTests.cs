using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class DeploymentControllerTests
{
    private static bool Complete(V1Deployment d) =>
        d.Status?.ObservedGeneration == d.Metadata.Generation && d.Status!.UpdatedReplicas == d.Spec.Replicas
        && d.Status.Replicas == d.Spec.Replicas && d.Status.AvailableReplicas == d.Spec.Replicas;

    [Fact]
    public async Task Deployment_Created_BecomesAvailableWithReplicaSetAndReadyPods()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 3), "default", cancellationToken: ct);
        var done = await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);

        Assert.Equal(3, done.Status.ReadyReplicas);
        Assert.Contains(done.Status.Conditions, c => c.Type == "Available" && c.Status == "True" && c.Reason == "MinimumReplicasAvailable");
        Assert.Contains(done.Status.Conditions, c => c.Type == "Progressing" && c.Status == "True" && c.Reason == "NewReplicaSetAvailable");
        var rs = Assert.Single(api.Store.List<V1ReplicaSet>("default"));
        Assert.Equal("web", rs.Metadata.OwnerReferences.Single().Name);
        var pods = api.Pods.List("default");
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", p.Status.Phase));
        var events = await client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: ct);
        Assert.Contains(events.Items, e => e.Reason == "ScalingReplicaSet" && e.InvolvedObject.Name == "web");
    }

    [Fact]
    public async Task RollingUpdate_MaxSurgeOneMaxUnavailableZero_NeverDropsBelowReplicasOrExceedsSurge()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 3, maxSurge: 1, maxUnavailable: 0), "default", cancellationToken: ct);
        await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);
        api.Behaviour.For("default", "nginx:2").ReadyAfter(TimeSpan.FromMilliseconds(300));

        var maxPods = 0;
        var minReady = int.MaxValue;
        var patch = new V1Patch("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}", V1Patch.PatchType.StrategicMergePatch);
        await client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", "default", cancellationToken: ct);
        await Eventually.ValueAsync(async () =>
        {
            var pods = api.Pods.List("default");
            maxPods = Math.Max(maxPods, pods.Count);
            minReady = Math.Min(minReady, pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
            return await client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct);
        }, d => Complete(d) && api.Pods.List("default").All(p => p.Spec.Containers[0].Image == "nginx:2"), ct);

        Assert.True(maxPods <= 4, $"at most replicas + maxSurge pods expected, saw {maxPods}");
        Assert.True(minReady >= 3, $"maxUnavailable 0 keeps 3 ready pods, saw {minReady}");
        Assert.Equal(2, api.Store.List<V1ReplicaSet>("default").Count);
        Assert.Contains(api.Store.List<V1ReplicaSet>("default"), rs => rs.Spec.Replicas == 0);
    }

    [Fact]
    public async Task Deployment_PodsNeverReady_ReportsProgressDeadlineExceeded()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var api = await FakeKubeApiServer.StartAsync(new FakeKubeApiServerOptions { TimeProvider = clock }, ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").ReadinessFails("HTTP probe failed with statuscode: 503");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 2, progressDeadlineSeconds: 30), "default", cancellationToken: ct);
        await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), d => d.Status?.Replicas == 2, ct);
        await Task.Delay(300, ct);

        clock.Advance(TimeSpan.FromSeconds(31));
        var failed = await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct),
            d => d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Status == "False") == true, ct);

        Assert.Equal("ProgressDeadlineExceeded", failed.Status.Conditions.Single(c => c.Type == "Progressing").Reason);
        Assert.Equal(0, failed.Status.AvailableReplicas ?? 0);
        var events = await client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: ct);
        Assert.Contains(events.Items, e => e.Reason == "Unhealthy" && e.Message == "Readiness probe failed: HTTP probe failed with statuscode: 503");
    }

    [Fact]
    public async Task DeleteDeployment_CascadesToReplicaSetsAndPods()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 2), "default", cancellationToken: ct);
        await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);

        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", cancellationToken: ct);

        Assert.Empty(api.Store.List<V1ReplicaSet>("default"));
        Assert.Empty(api.Pods.List("default"));
    }

    [Fact]
    public async Task Service_WithSelector_GetsEndpointsOfReadyPods()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 2), "default", cancellationToken: ct);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "web" },
                Ports = [new V1ServicePort { Name = "http", Port = 80, TargetPort = 8080 }],
            },
        }, "default", cancellationToken: ct);

        var endpoints = await Eventually.ValueAsync(
            async () => api.Store.Get<V1Endpoints>("default", "web"),
            e => e?.Subsets?.FirstOrDefault()?.Addresses?.Count == 2, ct);

        Assert.Equal(8080, endpoints!.Subsets[0].Ports.Single().Port);
        Assert.Equal(api.Pods.List("default").Select(p => p.Status.PodIP).Order(), endpoints.Subsets[0].Addresses.Select(a => a.Ip).Order());
    }

    [Fact]
    public async Task ScaleDown_RemovesPodsUntilReplicasMatch()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 3), "default", cancellationToken: ct);
        await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);

        var scale = await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":1}}", V1Patch.PatchType.MergePatch), "web", "default", cancellationToken: ct);
        Assert.Equal(("Scale", 1, "app=web"), (scale.Kind, scale.Spec.Replicas, scale.Status.Selector));
        var scaled = await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);

        Assert.Equal(1, scaled.Spec.Replicas);
        Assert.Single(api.Pods.List("default"));
    }

    [Fact]
    public async Task RollingUpdate_NewImageCrashes_KeepsOldPodsServingAndStallsUpdate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").ReadyAfter(TimeSpan.Zero);
        api.Behaviour.For("default", "nginx:2").CrashLoop(1, "bad config");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1", replicas: 2, maxSurge: 1, maxUnavailable: 0), "default", cancellationToken: ct);
        await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct), Complete, ct);

        var patch = new V1Patch("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}", V1Patch.PatchType.StrategicMergePatch);
        await client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", "default", cancellationToken: ct);
        var stalled = await Eventually.ValueAsync(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", "default", cancellationToken: ct),
            d => d.Status?.ObservedGeneration == 2 && d.Status.UpdatedReplicas == 1 && api.Pods.List("default").Any(p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff"), ct);
        await Task.Delay(500, ct);

        Assert.Equal(2, stalled.Status.AvailableReplicas);
        var pods = api.Pods.List("default");
        Assert.Equal(2, pods.Count(p => p.Spec.Containers[0].Image == "nginx:1"));
        Assert.Equal(1, pods.Count(p => p.Spec.Containers[0].Image == "nginx:2"));
    }
}

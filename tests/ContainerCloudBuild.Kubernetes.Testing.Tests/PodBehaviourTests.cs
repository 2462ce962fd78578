using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class PodBehaviourTests
{
    private static async Task<V1Pod> PodOfAsync(FakeKubeApiServer api, Func<V1Pod, bool> done, CancellationToken ct) =>
        (await Eventually.ValueAsync(async () => api.Pods.List("default").FirstOrDefault(), p => p is not null && done(p), ct))!;

    [Fact]
    public async Task CrashLoop_ShowsBackOffExitCodeAndServesLogs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").CrashLoop(3, "loading config", "panic: missing DATABASE_URL");

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "app:1"), "default", cancellationToken: ct);
        var pod = await PodOfAsync(api, p => p.Status?.ContainerStatuses?.Count > 0, ct);
        using var log = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, "default", cancellationToken: ct);
        var text = await new StreamReader(log).ReadToEndAsync(ct);

        var status = pod.Status.ContainerStatuses.Single();
        Assert.Equal("CrashLoopBackOff", status.State.Waiting.Reason);
        Assert.Equal(3, status.LastState.Terminated.ExitCode);
        Assert.True(status.RestartCount >= 1);
        Assert.Equal("loading config\npanic: missing DATABASE_URL\n", text);
    }

    [Fact]
    public async Task ImagePullFails_PendingWithImagePullBackOffAndFailedEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "registry.local/app").ImagePullFails("manifest unknown");

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "registry.local/app:9"), "default", cancellationToken: ct);
        var pod = await PodOfAsync(api, p => p.Status?.ContainerStatuses?.Count > 0, ct);

        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal("ImagePullBackOff", pod.Status.ContainerStatuses[0].State.Waiting.Reason);
        var events = await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={pod.Metadata.Name}", cancellationToken: ct);
        Assert.Contains(events.Items, e => e.Reason == "Failed" && e.Message.Contains("manifest unknown", StringComparison.Ordinal) && e.Type == "Warning");
    }

    [Fact]
    public async Task OomKilled_LastStateTerminatedOomKilled137()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").OomKilled("allocating cache");

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "app:1"), "default", cancellationToken: ct);
        var pod = await PodOfAsync(api, p => p.Status?.ContainerStatuses?.Count > 0, ct);

        Assert.Equal("OOMKilled", pod.Status.ContainerStatuses[0].LastState.Terminated.Reason);
        Assert.Equal(137, pod.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
    }

    [Fact]
    public async Task Unschedulable_PodScheduledFalseWithMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").Unschedulable("0/3 nodes are available: 3 Insufficient memory.");

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "app:1"), "default", cancellationToken: ct);
        var pod = await PodOfAsync(api, p => p.Status?.Conditions?.Count > 0, ct);

        var scheduled = pod.Status.Conditions.Single(c => c.Type == "PodScheduled");
        Assert.Equal(("False", "Unschedulable"), (scheduled.Status, scheduled.Reason));
        Assert.Equal("0/3 nodes are available: 3 Insufficient memory.", scheduled.Message);
        Assert.Equal("Pending", pod.Status.Phase);
    }

    [Fact]
    public async Task ReadyAfter_PodTurnsReadyOnlyAfterDelay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        api.Behaviour.For("default", "web").ReadyAfter(TimeSpan.FromSeconds(1));

        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "app:1"), "default", cancellationToken: ct);
        var running = await PodOfAsync(api, p => p.Status?.Phase == "Running", ct);
        var ready = await PodOfAsync(api, p => p.Status?.ContainerStatuses?.All(c => c.Ready) == true, ct);

        Assert.False(running.Status.ContainerStatuses[0].Ready);
        Assert.True(ready.Status.ContainerStatuses[0].Ready);
    }

    [Fact]
    public async Task PodLog_Follow_StreamsLinesAppendedLater()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(ct);
        using var client = api.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "app:1"), "default", cancellationToken: ct);
        var pod = await PodOfAsync(api, p => p.Status?.Phase == "Running", ct);

        using var log = await client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, "default", follow: true, cancellationToken: ct);
        using var reader = new StreamReader(log);
        var first = await reader.ReadLineAsync(ct);
        api.Pods.AppendLog("default", pod.Metadata.Name, "request served");
        var second = await reader.ReadLineAsync(ct);

        Assert.Equal("listening", first);
        Assert.Equal("request served", second);
    }
}

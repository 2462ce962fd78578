using ContainerCloudBuild.Kubernetes.Rollout;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using ContainerCloudBuild.Manifests;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class RolloutFakeServerTests
{
    private static async Task<(FakeCluster Cluster, IReadOnlyList<RenderedDocument> Documents)> ClusterWithRenderAsync(int replicas, CancellationToken ct, int? progressDeadlineSeconds = null)
    {
        var cluster = await FakeCluster.StartAsync(ct);
        var documents = await cluster.RenderAsync("orders", "2", replicas, "", ct);
        if (progressDeadlineSeconds is { } seconds)
        {
            // The apply sends a document's YAML, so the changed model is written back into it.
            documents = [.. documents.Select(d => d.Model is V1Deployment deployment ? WithDeadline(d, deployment, seconds) : d)];
        }
        return (cluster, documents);
    }

    private static RenderedDocument WithDeadline(RenderedDocument document, V1Deployment deployment, int seconds)
    {
        deployment.Spec.ProgressDeadlineSeconds = seconds;
        return document with { Yaml = KubernetesYaml.Serialize(deployment) };
    }

    [Fact]
    public async Task Deploy_PodsBecomeReady_CompletesByWatchingAndStreamsNewPodLogs()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(2, ct);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").ReadyAfter(TimeSpan.FromMilliseconds(800), "listening on 8080");

        var result = await cluster.DeployAsync("orders", documents, ct);

        Assert.True(result.Succeeded, cluster.OutputText);
        Assert.Contains("successfully rolled out (2 of 2 replicas available)", result.Rollouts.Single().Outcome.Message, StringComparison.Ordinal);
        Assert.True(cluster.Output.Any(l => l.Contains("/orders] listening on 8080", StringComparison.Ordinal)), cluster.OutputText);
        Assert.True(cluster.Output.Count(l => l.Contains("spec update (generation 1) to be observed", StringComparison.Ordinal)) <= 1, cluster.OutputText);
        var requests = cluster.Api.RequestLog.All;
        Assert.Contains(requests, r => r.Path.EndsWith("/deployments", StringComparison.Ordinal) && r.Query.Contains("watch=true", StringComparison.Ordinal));
        Assert.True(requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/deployments/orders", StringComparison.Ordinal)) <= 1, "the Deployment is watched, not polled");
    }

    [Fact]
    public async Task Deploy_CrashLoop_FailsWithLastLogLinesAndEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").CrashLoop(3, "booting", "panic: DATABASE_URL not set");

        var result = await cluster.DeployAsync("orders", documents, ct);

        var outcome = result.Rollouts.Single().Outcome;
        Assert.False(outcome.Succeeded);
        var text = outcome.Describe(cluster.Masker.Apply);
        Assert.Contains("container crashes (CrashLoopBackOff)", text, StringComparison.Ordinal);
        Assert.Contains("last exit code 3", text, StringComparison.Ordinal);
        Assert.Contains("panic: DATABASE_URL not set", text, StringComparison.Ordinal);
        Assert.Contains("Warning BackOff pod/orders-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ImagePullFails_NamesImageAndPullError()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").ImagePullFails("manifest unknown: manifest tagged by \"2\" is not found");

        var outcome = (await cluster.DeployAsync("orders", documents, ct)).Rollouts.Single().Outcome;

        var text = outcome.Describe(cluster.Masker.Apply);
        Assert.False(outcome.Succeeded);
        Assert.Contains("image cannot be pulled", text, StringComparison.Ordinal);
        Assert.Contains("ImagePullBackOff for image registry.example/orders:2: manifest unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_OomKilled_NamesMemoryLimitAndLastLogLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").OomKilled("loading cache", "allocated 300Mi");

        var text = (await cluster.DeployAsync("orders", documents, ct)).Rollouts.Single().Outcome.Describe(cluster.Masker.Apply);

        Assert.Contains("container killed for memory (OOMKilled)", text, StringComparison.Ordinal);
        Assert.Contains("memory limit 256Mi", text, StringComparison.Ordinal);
        Assert.Contains("allocated 300Mi", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_Unschedulable_FailsAtProgressDeadlineWithSchedulerMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct, progressDeadlineSeconds: 2);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").Unschedulable("0/3 nodes are available: 3 Insufficient cpu.");

        var text = (await cluster.DeployAsync("orders", documents, ct)).Rollouts.Single().Outcome.Describe(cluster.Masker.Apply);

        Assert.Contains("exceeded its progress deadline", text, StringComparison.Ordinal);
        Assert.Contains("pod cannot be scheduled", text, StringComparison.Ordinal);
        Assert.Contains("Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.", text, StringComparison.Ordinal);
        Assert.Contains("Warning FailedScheduling", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ReadinessFails_TimesOutNamingTheProbe()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct);
        await using var _ = cluster;
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").ReadinessFails("HTTP probe failed with statuscode: 503");

        var result = await cluster.DeployAsync("orders", documents, ct, wait: new RolloutWaitOptions { Timeout = TimeSpan.FromSeconds(3) });

        var text = result.Rollouts.Single().Outcome.Describe(cluster.Masker.Apply);
        Assert.Contains("did not complete within 3s", text, StringComparison.Ordinal);
        Assert.Contains("readiness probe failing", text, StringComparison.Ordinal);
        Assert.Contains("HTTP GET :http/ready every 5s", text, StringComparison.Ordinal);
        Assert.Contains("Readiness probe failed: HTTP probe failed with statuscode: 503", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_PodLogsCarryARegisteredSecret_OutputMasksIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var (cluster, documents) = await ClusterWithRenderAsync(1, ct);
        await using var _ = cluster;
        cluster.Masker.Register("hunter2-database-password");
        cluster.Api.Behaviour.For(cluster.Namespace, "orders").ReadyAfter(TimeSpan.FromMilliseconds(500), "connecting with hunter2-database-password");

        Assert.True((await cluster.DeployAsync("orders", documents, ct)).Succeeded, cluster.OutputText);

        Assert.Contains(cluster.Output, l => l.EndsWith("/orders] connecting with ***", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2", cluster.OutputText, StringComparison.Ordinal);
    }
}

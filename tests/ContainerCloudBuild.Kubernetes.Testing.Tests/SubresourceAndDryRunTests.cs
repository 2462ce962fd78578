using System.Net;
using ContainerCloudBuild.Kubernetes.Testing.Tests.Support;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Testing.Tests;

public sealed class SubresourceAndDryRunTests
{
    private static readonly FakeKubeApiServerOptions Bare = new() { RunControllers = false };

    [Fact]
    public async Task StatusWrites_GoThroughStatusSubresourceOnly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        var deployment = await client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", "nginx:1"), "default", cancellationToken: ct);

        deployment.Status = new V1DeploymentStatus { Replicas = 7 };
        var viaMain = await client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "web", "default", cancellationToken: ct);
        var replicasAfterMainWrite = viaMain.Status?.Replicas;
        viaMain.Status = new V1DeploymentStatus { Replicas = 7 };
        var viaStatus = await client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(viaMain, "web", "default", cancellationToken: ct);

        Assert.Null(replicasAfterMainWrite);
        Assert.Equal(7, viaStatus.Status.Replicas);
        Assert.Equal(1, viaStatus.Metadata.Generation);
    }

    [Fact]
    public async Task DryRun_CreateAndDelete_LeaveStoreUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var client = api.CreateClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("kept"), "default", cancellationToken: ct);

        var dryCreated = await client.CoreV1.CreateNamespacedConfigMapAsync(Objects.ConfigMap("dry"), "default", dryRun: "All", cancellationToken: ct);
        await client.CoreV1.DeleteNamespacedConfigMapAsync("kept", "default", dryRun: "All", cancellationToken: ct);

        Assert.Equal("dry", dryCreated.Metadata.Name);
        Assert.Equal(["kept"], api.Store.List<V1ConfigMap>("default").Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task Create_WrongValueType_Returns400()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeKubeApiServer.StartAsync(Bare, ct);
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        const string body = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":\"two\"}}";

        using var response = await http.PostAsync("apis/apps/v1/namespaces/default/deployments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
        var status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot be handled as a Deployment", status.Message, StringComparison.Ordinal);
        Assert.Null(api.Store.Get<V1Deployment>("default", "web"));
    }
}

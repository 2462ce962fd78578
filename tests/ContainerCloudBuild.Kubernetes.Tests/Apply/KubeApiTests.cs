using System.Net;
using ContainerCloudBuild.Kubernetes.Access;
using ContainerCloudBuild.Kubernetes.Apply;
using ContainerCloudBuild.Kubernetes.Tests.Support;
using ContainerCloudBuild.Secrets;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class KubeApiTests
{
    private static readonly ResourceId ConfigMap = new(ResourceKind.Find("v1", "ConfigMap")!, "team", "settings");

    private static ClusterConnection Connect(TempDirectory temp, string server) =>
        ClusterConnection.Open(new ClusterAccessOptions { KubeconfigPath = temp.WriteFile("kubeconfig", Kubeconfigs.With("c", server, "u", "token-0123456789", "ctx", ("ctx", "team"))) }, new SecretMasker());

    [Fact]
    public async Task GetAsync_ServerBehindAPath_KeepsThePath()
    {
        using var temp = new TempDirectory();
        using var server = new TestHttpServer();
        using var connection = Connect(temp, server.BaseAddress + "k8s/clusters/c-1");

        await new KubeApi(connection.Http, "here").GetAsync(ConfigMap, TestContext.Current.CancellationToken);

        Assert.Equal("/k8s/clusters/c-1/api/v1/namespaces/team/configmaps/settings", Assert.Single(server.Received).Path);
    }

    [Fact]
    public async Task ApplyAsync_Forbidden_ThrowsNamingObjectWhereAndRbac()
    {
        using var temp = new TempDirectory();
        using var server = new TestHttpServer
        {
            Respond = (_, _) => (403, """{"kind":"Status","status":"Failure","reason":"Forbidden","message":"configmaps \"settings\" is forbidden: User \"ci\" cannot patch resource","code":403}"""),
        };
        using var connection = Connect(temp, server.BaseAddress.ToString());

        var e = await Assert.ThrowsAsync<KubeApiException>(() => new KubeApi(connection)
            .ApplyAsync(ConfigMap, new System.Text.Json.Nodes.JsonObject(), "containercloudbuild", false, false, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Contains("Cannot apply ConfigMap/settings (namespace team) on cluster 'c'", e.Message, StringComparison.Ordinal);
        Assert.Contains("User \"ci\" cannot patch resource", e.Message, StringComparison.Ordinal);
        Assert.Contains("(RBAC)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-0123456789", e.Message, StringComparison.Ordinal);
    }
}

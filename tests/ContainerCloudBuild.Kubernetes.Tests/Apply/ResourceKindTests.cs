using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Kubernetes.Tests.Apply;

public sealed class ResourceKindTests
{
    [Theory]
    [InlineData("apps/v1", "Deployment", "apis/apps/v1/namespaces/team/deployments/orders", "Deployment.apps")]
    [InlineData("v1", "Service", "api/v1/namespaces/team/services/orders", "Service")]
    [InlineData("networking.k8s.io/v1", "Ingress", "apis/networking.k8s.io/v1/namespaces/team/ingresses/orders", "Ingress.networking.k8s.io")]
    [InlineData("v1", "Namespace", "api/v1/namespaces/orders", "Namespace")]
    public void Find_BuiltInKind_KnowsPathAndGroupKind(string apiVersion, string kind, string path, string groupKind)
    {
        var found = ResourceKind.Find(apiVersion, kind)!;
        Assert.Equal(path, found.Path("team", "orders"));
        Assert.Equal(groupKind, found.GroupKind);
        Assert.Equal(found, ResourceKind.FromGroupKind(groupKind));
    }

    [Fact]
    public void FromGroupKind_SeveralVersions_PrefersV1() =>
        Assert.Equal("v1", ResourceKind.FromGroupKind("HorizontalPodAutoscaler.autoscaling")!.Version);

    [Fact]
    public void FromGroupKind_UnknownKind_IsNull() => Assert.Null(ResourceKind.FromGroupKind("Widget.example.com"));
}

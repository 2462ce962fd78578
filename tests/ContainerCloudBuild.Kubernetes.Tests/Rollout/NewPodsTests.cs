using ContainerCloudBuild.Kubernetes.Rollout;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class NewPodsTests
{
    private static readonly V1Deployment Deployment = new()
    {
        Metadata = new V1ObjectMeta { Name = "orders", Uid = "dep-uid", Annotations = new Dictionary<string, string> { [NewPods.RevisionAnnotation] = "3" } },
        Spec = new V1DeploymentSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "r/orders:3" }] } } },
    };

    private static V1ReplicaSet Set(string uid, string revision, string owner = "dep-uid") => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "orders-" + uid, Uid = uid, Annotations = new Dictionary<string, string> { [NewPods.RevisionAnnotation] = revision },
            OwnerReferences = [new V1OwnerReference { Uid = owner, Kind = "Deployment", Name = "orders", ApiVersion = "apps/v1" }],
        },
    };

    private static V1Pod Pod(string ownerUid, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p-" + ownerUid, OwnerReferences = [new V1OwnerReference { Uid = ownerUid, Kind = "ReplicaSet", Name = "x", ApiVersion = "apps/v1" }] },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image }] },
    };

    [Fact]
    public void NewReplicaSet_MatchingRevisionOfThisDeployment_IsChosen()
    {
        var chosen = NewPods.NewReplicaSet(Deployment, [Set("rs2", "2"), Set("rs3-foreign", "3", owner: "other"), Set("rs3", "3")]);
        Assert.Equal("rs3", chosen?.Metadata.Uid);
    }

    [Fact]
    public void IsNew_WithReplicaSet_UsesOwnerNotImage()
    {
        var newSet = Set("rs3", "3");
        Assert.True(NewPods.IsNew(Pod("rs3", "r/orders:2"), Deployment, newSet));
        Assert.False(NewPods.IsNew(Pod("rs2", "r/orders:3"), Deployment, newSet));
    }

    [Fact]
    public void IsNew_WithoutReplicaSet_ComparesTemplateImages()
    {
        Assert.True(NewPods.IsNew(Pod("any", "r/orders:3"), Deployment, null));
        Assert.False(NewPods.IsNew(Pod("any", "r/orders:2"), Deployment, null));
    }
}

using ContainerCloudBuild.Kubernetes.Rollout;
using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Tests.Rollout;

public sealed class DeploymentProgressTests
{
    private static V1Deployment Deployment(int replicas, long observed, int updated, int total, int available, string? progressingReason = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "orders", Generation = 4 },
        Spec = new V1DeploymentSpec { Replicas = replicas },
        Status = new V1DeploymentStatus
        {
            ObservedGeneration = observed, UpdatedReplicas = updated, Replicas = total, AvailableReplicas = available,
            Conditions = progressingReason is null ? null : [new V1DeploymentCondition { Type = "Progressing", Status = "False", Reason = progressingReason, Message = "ReplicaSet \"orders-7c\" has timed out progressing." }],
        },
    };

    [Theory]
    [InlineData(3, 3, 3, 3, 3, RolloutProgressState.Waiting, "waiting for the deployment \"orders\" spec update (generation 4) to be observed")]
    [InlineData(3, 4, 1, 4, 3, RolloutProgressState.Waiting, "1 of 3 new replicas updated")]
    [InlineData(3, 4, 3, 4, 3, RolloutProgressState.Waiting, "1 old replicas pending termination")]
    [InlineData(3, 4, 3, 3, 2, RolloutProgressState.Waiting, "2 of 3 updated replicas available")]
    [InlineData(3, 4, 3, 3, 3, RolloutProgressState.Complete, "deployment \"orders\" successfully rolled out (3 of 3 replicas available)")]
    public void Evaluate_Status_FollowsKubectlRolloutStatus(int replicas, long observed, int updated, int total, int available, RolloutProgressState state, string message) =>
        Assert.Equal(new RolloutProgress(state, message), DeploymentProgress.Evaluate(Deployment(replicas, observed, updated, total, available), 4));

    [Fact]
    public void Evaluate_ProgressDeadlineExceeded_Fails()
    {
        var progress = DeploymentProgress.Evaluate(Deployment(3, 4, 1, 4, 3, DeploymentProgress.ProgressDeadlineExceeded), 4);
        Assert.Equal(RolloutProgressState.Failed, progress.State);
        Assert.Contains("has timed out progressing", progress.Message, StringComparison.Ordinal);
    }
}

using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

public enum RolloutProgressState { Waiting, Complete, Failed }

/// <summary>Where a Deployment's rollout stands, with a message in kubectl's words.</summary>
public sealed record RolloutProgress(RolloutProgressState State, string Message);

/// <summary>
/// Judges one observed Deployment as <c>kubectl rollout status</c> does: the controller must have observed the applied
/// generation, then all replicas updated, old ones gone and the updated ones available; a Progressing condition with
/// reason ProgressDeadlineExceeded fails the rollout.
/// </summary>
public static class DeploymentProgress
{
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    public static RolloutProgress Evaluate(V1Deployment deployment, long generation)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var name = deployment.Metadata?.Name;
        var status = deployment.Status;
        if ((status?.ObservedGeneration ?? 0) < generation)
            return new(RolloutProgressState.Waiting, $"waiting for the deployment \"{name}\" spec update (generation {generation}) to be observed");
        if (status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing") is { Reason: ProgressDeadlineExceeded } stuck)
            return new(RolloutProgressState.Failed, $"deployment \"{name}\" exceeded its progress deadline: {stuck.Message}");
        var wanted = deployment.Spec?.Replicas ?? 1;
        var updated = status?.UpdatedReplicas ?? 0;
        var total = status?.Replicas ?? 0;
        var available = status?.AvailableReplicas ?? 0;
        if (updated < wanted)
            return new(RolloutProgressState.Waiting, $"{updated} of {wanted} new replicas updated");
        if (total > updated)
            return new(RolloutProgressState.Waiting, $"{total - updated} old replicas pending termination");
        if (available < updated)
            return new(RolloutProgressState.Waiting, $"{available} of {updated} updated replicas available");
        return new(RolloutProgressState.Complete, $"deployment \"{name}\" successfully rolled out ({updated} of {wanted} replicas available)");
    }
}

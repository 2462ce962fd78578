using k8s.Models;

namespace ContainerCloudBuild.Kubernetes.Rollout;

/// <summary>
/// Which pods belong to the rollout's new revision: pods owned by the ReplicaSet whose
/// <c>deployment.kubernetes.io/revision</c> matches the Deployment's; without one, pods running the template's images.
/// </summary>
public static class NewPods
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public static V1ReplicaSet? NewReplicaSet(V1Deployment deployment, IEnumerable<V1ReplicaSet> sets)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(sets);
        var owned = sets.Where(s => s.Metadata?.OwnerReferences?.Any(o => o.Uid == deployment.Metadata?.Uid) == true).ToList();
        var revision = Revision(deployment.Metadata);
        return owned.FirstOrDefault(s => revision is not null && Revision(s.Metadata) == revision);
    }

    public static bool IsNew(V1Pod pod, V1Deployment deployment, V1ReplicaSet? newSet)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(deployment);
        if (newSet?.Metadata?.Uid is { } uid)
            return pod.Metadata?.OwnerReferences?.Any(o => o.Uid == uid) == true;
        var images = deployment.Spec?.Template?.Spec?.Containers?.Select(c => c.Image).ToHashSet(StringComparer.Ordinal) ?? [];
        return pod.Spec?.Containers?.All(c => images.Contains(c.Image)) == true;
    }

    private static string? Revision(V1ObjectMeta? metadata) =>
        metadata?.Annotations is { } a && a.TryGetValue(RevisionAnnotation, out var r) ? r : null;
}

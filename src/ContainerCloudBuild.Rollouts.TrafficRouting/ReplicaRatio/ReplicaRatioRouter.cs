using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace ContainerCloudBuild.Rollouts.TrafficRouting.ReplicaRatio;

/// <summary>
/// The fallback when no traffic router is available: the service's Service selects every revision's pods, so traffic follows
/// the ratio of ready pods. Weights become replica counts out of <c>totalReplicas</c> (scale subresource of each revision's
/// Deployment, found by the app and revision labels). The split is approximate; the first change says so, every change
/// prints the ratio achieved.
/// </summary>
public sealed class ReplicaRatioRouter(ClusterRouting routing, IKubernetes client, int totalReplicas) : ITrafficRouter
{
    private readonly HashSet<string> warned = new(StringComparer.Ordinal);

    public Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var deployments = await DeploymentsAsync(app, cancellationToken).ConfigureAwait(false);
        foreach (var (revision, weight) in weights)
            if (weight > 0 && !deployments.ContainsKey(revision))
                throw new InvalidOperationException($"No Deployment of '{app}' revision '{revision}' (labels {routing.AppLabel}={app}, {routing.RevisionLabel}={revision}) in namespace {routing.Namespace} to give {weight}% of the traffic.");
        var counts = ReplicaSplit.Of(weights, totalReplicas);
        foreach (var (revision, replicas) in counts)
        {
            if (!deployments.TryGetValue(revision, out var deployment))
                continue;
            var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", V1Patch.PatchType.MergePatch);
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, deployment, routing.Namespace, fieldManager: routing.FieldManager, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        var replicasNow = (await DeploymentsWithReplicasAsync(app, cancellationToken).ConfigureAwait(false));
        var achieved = ReplicaSplit.Achieved(replicasNow);
        var ratio = string.Join(", ", replicasNow.Select(r => $"{r.Key} {r.Value}/{replicasNow.Values.Sum()} pods = {achieved[r.Key]}%"
            + (weights.TryGetValue(r.Key, out var asked) ? $" (asked {asked}%)" : "")));
        var note = warned.Add(app)
            ? $"{app}: no traffic router (ingress-nginx, Gateway API, OpenShift Route): weights are approximate, traffic follows the ratio of pods. "
            : $"{app}: ";
        routing.Output(note + "replica ratio " + ratio);
    }

    /// <summary>Scales the revision to 0; its pods stop taking traffic once they are gone.</summary>
    public async Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = routing.Time.GetUtcNow();
        var deployments = await DeploymentsAsync(app, cancellationToken).ConfigureAwait(false);
        if (deployments.TryGetValue(revision, out var deployment))
        {
            var patch = new V1Patch("{\"spec\":{\"replicas\":0}}", V1Patch.PatchType.MergePatch);
            await client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, deployment, routing.Namespace, fieldManager: routing.FieldManager, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        return new DrainResult(true, 0, routing.Time.GetUtcNow() - started);
    }

    /// <summary>The workload driver removes the Deployment; there is no routing object to change.</summary>
    public Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken) =>
        ReplicaSplit.Achieved(await DeploymentsWithReplicasAsync(app, cancellationToken).ConfigureAwait(false));

    private async Task<Dictionary<string, string>> DeploymentsAsync(string app, CancellationToken cancellationToken) =>
        (await ListAsync(app, cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Revision, d => d.Name, StringComparer.Ordinal);

    private async Task<Dictionary<string, int>> DeploymentsWithReplicasAsync(string app, CancellationToken cancellationToken) =>
        (await ListAsync(app, cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Revision, d => d.Replicas, StringComparer.Ordinal);

    private async Task<List<(string Revision, string Name, int Replicas)>> ListAsync(string app, CancellationToken cancellationToken)
    {
        var items = await routing.Api.ListAsync(ClusterKinds.Deployment, routing.Namespace, $"{routing.AppLabel}={app},{routing.RevisionLabel}", cancellationToken)
            .ConfigureAwait(false);
        return [.. items.Select(d => (
            Revision: d["metadata"]?["labels"]?[routing.RevisionLabel]?.GetValue<string>() ?? "",
            Name: d["metadata"]?["name"]?.GetValue<string>() ?? "",
            Replicas: Replicas(d)))
            .Where(d => d.Revision.Length > 0)];
    }

    private static int Replicas(JsonObject deployment) =>
        deployment["spec"]?["replicas"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
}

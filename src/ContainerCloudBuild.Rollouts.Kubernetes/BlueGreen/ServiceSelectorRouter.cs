using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.Kubernetes.BlueGreen;

/// <summary>
/// Blue-green traffic on plain Services: the active Service selects the revision at 100% and switches its selector only
/// when that revision's slot is fully available; the preview Service selects the newest revision added at 0%. Weights are
/// all-or-nothing (a split needs a canary router) and kept in an annotation of the active Service, so any process reads them.
/// </summary>
public sealed class ServiceSelectorRouter(KubeApi api, string ns, Func<string, BlueGreenServices> services) : ITrafficRouter
{
    private static readonly ResourceKind ServiceKind = ResourceKind.Find("v1", "Service")!;
    private static readonly ResourceKind DeploymentKind = ResourceKind.Find("apps/v1", "Deployment")!;

    public async Task AddBackendAsync(string app, RevisionInfo revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        await ApplyAsync(ServiceId(BlueGreenServices.PreviewName(app)), services(app).Preview(app, ns, revision.Revision), cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, int>(await GetWeightsAsync(app, cancellationToken).ConfigureAwait(false));
        if (weights.TryAdd(revision.Revision, 0) && ActiveRevision(weights) is { } active)
            await SaveActiveAsync(app, active, weights, cancellationToken).ConfigureAwait(false);
    }

    public async Task SetWeightsAsync(string app, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.FirstOrDefault(w => w.Value is > 0 and < 100) is { Key: not null } split)
            throw new NotSupportedException(
                $"The Service selector router of '{app}' switches all traffic at once; {split.Key} at {split.Value}% needs a canary traffic router (ingress, Gateway API, Route).");
        var merged = new Dictionary<string, int>(await GetWeightsAsync(app, cancellationToken).ConfigureAwait(false));
        var target = weights.FirstOrDefault(w => w.Value == 100).Key;
        foreach (var (revision, weight) in weights)
            merged[revision] = weight;
        if (target is not null)
        {
            foreach (var other in merged.Keys.Where(k => k != target).ToList())
                merged[other] = 0;
            await RequireAvailableAsync(app, target, cancellationToken).ConfigureAwait(false);
        }
        if ((target ?? ActiveRevision(merged)) is { } active)
            await SaveActiveAsync(app, active, merged, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Once the active selector no longer names the revision, the endpoints controller takes its pods out of the Service;
    /// requests in flight finish within the pods' termination grace period when the slot is deleted. Nothing to wait for here.
    /// </summary>
    public Task<DrainResult> DrainAsync(string app, string revision, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new DrainResult(true, 0, TimeSpan.Zero));

    public async Task RemoveBackendAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var preview = await api.GetAsync(ServiceId(BlueGreenServices.PreviewName(app)), cancellationToken).ConfigureAwait(false);
        if (preview?["spec"]?["selector"]?[RolloutLabels.Revision]?.GetValue<string>() == revision)
            await api.DeleteAsync(ServiceId(BlueGreenServices.PreviewName(app)), dryRun: false, cancellationToken).ConfigureAwait(false);
        var weights = new Dictionary<string, int>(await GetWeightsAsync(app, cancellationToken).ConfigureAwait(false));
        if (weights.Remove(revision) && ActiveRevision(weights) is { } active)
            await SaveActiveAsync(app, active, weights, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetWeightsAsync(string app, CancellationToken cancellationToken)
    {
        var active = await api.GetAsync(ServiceId(BlueGreenServices.ActiveName(app)), cancellationToken).ConfigureAwait(false);
        var json = active?["metadata"]?["annotations"]?[BlueGreenServices.WeightsAnnotation]?.GetValue<string>();
        return json is null ? new Dictionary<string, int>() : JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
    }

    /// <summary>The revision the active Service selects: the one at 100%.</summary>
    private static string? ActiveRevision(IReadOnlyDictionary<string, int> weights) => weights.FirstOrDefault(w => w.Value == 100).Key;

    /// <summary>The switch waits for nothing: a slot that is not fully available is refused, so the active Service never selects too few pods.</summary>
    private async Task RequireAvailableAsync(string app, string revision, CancellationToken cancellationToken)
    {
        var slot = RolloutLabels.Slot(app, revision);
        var deployment = await api.GetAsync(new ResourceId(DeploymentKind, ns, slot), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Cannot switch '{app}' to {revision}: its Deployment {slot} does not exist in namespace {ns}.");
        var wanted = deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var available = deployment["status"]?["availableReplicas"]?.GetValue<int>() ?? 0;
        if (available < wanted)
            throw new InvalidOperationException($"Cannot switch '{app}' to {revision}: Deployment {slot} has {available} of {wanted} replicas available.");
    }

    private Task SaveActiveAsync(string app, string revision, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken) =>
        ApplyAsync(ServiceId(BlueGreenServices.ActiveName(app)),
            services(app).Active(app, ns, revision, JsonSerializer.Serialize(weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary())), cancellationToken);

    private Task<JsonObject> ApplyAsync(ResourceId id, JsonObject body, CancellationToken cancellationToken) =>
        api.ApplyAsync(id, body, RolloutLabels.FieldManager, force: true, dryRun: false, cancellationToken);

    private ResourceId ServiceId(string name) => new(ServiceKind, ns, name);
}

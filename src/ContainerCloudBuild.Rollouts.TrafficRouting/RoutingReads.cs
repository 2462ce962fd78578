using System.Text.Json.Nodes;
using ContainerCloudBuild.Kubernetes.Apply;

namespace ContainerCloudBuild.Rollouts.TrafficRouting;

/// <summary>
/// The routing objects one router operation reads (e.g. one canary step): each fetched from the API once, so the weights are
/// read from and the write is built from the same object; a new operation reads them again.
/// </summary>
public sealed class RoutingReads(KubeApi api)
{
    private readonly Dictionary<ResourceId, JsonObject?> _objects = [];

    public async Task<JsonObject?> GetAsync(ResourceId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_objects.TryGetValue(id, out var found))
            _objects[id] = found = await api.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>The object, or an error that says which object is missing and how to get it.</summary>
    public async Task<JsonObject> RequireAsync(ResourceId id, string hint, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"{id} does not exist, so its traffic cannot be split. {hint}");
}

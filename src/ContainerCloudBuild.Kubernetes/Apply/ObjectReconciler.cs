using System.Text.Json.Nodes;
using ContainerCloudBuild.Manifests;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>What <see cref="ObjectReconciler"/> did with one object.</summary>
public enum ReconcileAction { Created, Configured, Unchanged }

/// <summary>One reconciled object: what was done and the object as the server holds it afterwards.</summary>
public sealed record ReconciledObject(ResourceId Resource, ReconcileAction Action, JsonObject Result)
{
    public override string ToString() => $"{Resource.Kind.Kind.ToLowerInvariant()}/{Resource.Name} {Action.ToString().ToLowerInvariant()}";
}

/// <summary>
/// Server-side apply that writes only when it changes something: a missing object is applied; an existing one is first
/// applied with <c>dryRun=All</c> and written only when that result differs from the live object (<see cref="ObjectDiff"/>).
/// A second run of the same objects therefore sends no write at all, and no resourceVersion moves.
/// </summary>
public sealed class ObjectReconciler(KubeApi api, string fieldManager)
{
    public async Task<ReconciledObject> ReconcileAsync(ResourceId id, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        var live = await api.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (live is not null)
        {
            var preview = await api.ApplyAsync(id, body, fieldManager, force: false, dryRun: true, cancellationToken).ConfigureAwait(false);
            if (ObjectDiff.Between(id, live, preview).IsEmpty)
                return new ReconciledObject(id, ReconcileAction.Unchanged, live);
        }
        var result = await api.ApplyAsync(id, body, fieldManager, force: false, dryRun: false, cancellationToken).ConfigureAwait(false);
        return new ReconciledObject(id, live is null ? ReconcileAction.Created : ReconcileAction.Configured, result);
    }

    /// <summary>A rendered document as the id and JSON body to reconcile (its own namespace, else none for cluster-scoped kinds).</summary>
    public static (ResourceId Id, JsonObject Body) ToObject(RenderedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var kind = ResourceKind.Find(document.ApiVersion, document.Kind)
            ?? throw new InvalidOperationException($"{document.DisplayName} ({document.ApiVersion}) is not a kind this client knows; it cannot be applied.");
        var body = JsonNode.Parse(KubernetesJson.Serialize(document.Model))!.AsObject();
        var ns = kind.Namespaced ? body["metadata"]?["namespace"]?.GetValue<string>() : null;
        if (kind.Namespaced && string.IsNullOrEmpty(ns))
            throw new InvalidOperationException($"{document.DisplayName} names no namespace; a tenant's objects must.");
        return (new ResourceId(kind, ns, document.Name), body);
    }
}

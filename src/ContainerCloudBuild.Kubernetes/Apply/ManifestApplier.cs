using System.Text.Json.Nodes;
using ContainerCloudBuild.Manifests;
using k8s;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// Applies a service's rendered manifests with server-side apply, in the renderer's order, and prunes what an earlier
/// apply of the service created and this render no longer has. The applyset parent is widened to the union of the old
/// and new group-kinds before the members are applied and narrowed after the prune, so an interrupted apply never loses
/// track of an object (the KEP-3659 sequence kubectl follows).
/// </summary>
public sealed class ManifestApplier(KubeApi api, string defaultNamespace, Action<string> output)
{
    public async Task<ApplyReport> ApplyAsync(string service, IReadOnlyList<RenderedDocument> documents, ApplyOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(options);
        var set = new ApplySetRecord(service, defaultNamespace);
        var members = documents.Select(d => Member(d, set)).ToList();
        var parent = await api.GetAsync(set.Parent, cancellationToken).ConfigureAwait(false);
        var previousKinds = ApplySetRecord.GroupKindsOf(parent);
        var currentKinds = members.Select(m => m.Id.Kind.GroupKind).Distinct(StringComparer.Ordinal).ToList();
        if (!options.DryRun)
            await ApplyParentAsync(set, previousKinds.Union(currentKinds), options, cancellationToken).ConfigureAwait(false);

        var applied = new List<AppliedObject>();
        foreach (var (id, body) in members)
        {
            var live = options.DryRun ? await api.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
            var result = await api.ApplyAsync(id, body, options.FieldManager, options.ForceConflicts, options.DryRun, cancellationToken).ConfigureAwait(false);
            var diff = options.DryRun ? ObjectDiff.Between(id, live, result) : null;
            output(diff?.Render().TrimEnd('\n') ?? $"{id.Kind.Kind.ToLowerInvariant()}/{id.Name} applied");
            applied.Add(new AppliedObject(id, result, diff));
        }

        var pruned = new List<ResourceId>();
        if (options.Prune)
        {
            var rendered = members.Select(m => m.Id).ToList();
            foreach (var groupKind in previousKinds.Union(currentKinds))
            {
                if (ResourceKind.FromGroupKind(groupKind) is not { } kind)
                    continue;
                var live = await api.ListAsync(kind, set.Namespace, $"{ApplySetRecord.PartOfLabel}={set.Id}", cancellationToken).ConfigureAwait(false);
                foreach (var id in PruneSelection.Select(set, kind, live, rendered))
                {
                    await api.DeleteAsync(id, options.DryRun, cancellationToken).ConfigureAwait(false);
                    output($"- {id} pruned{(options.DryRun ? " (dry run)" : "")}: no longer rendered");
                    pruned.Add(id);
                }
            }
        }
        if (!options.DryRun)
            await ApplyParentAsync(set, currentKinds, options, cancellationToken).ConfigureAwait(false);
        return new ApplyReport(applied, pruned, options.DryRun);
    }

    private Task<JsonObject> ApplyParentAsync(ApplySetRecord set, IEnumerable<string> groupKinds, ApplyOptions options, CancellationToken cancellationToken) =>
        api.ApplyAsync(set.Parent, set.ParentObject(groupKinds), options.FieldManager, force: true, dryRun: false, cancellationToken);

    /// <summary>The document as JSON, in this namespace, labelled as a member of the service's applyset.</summary>
    internal (ResourceId Id, JsonObject Body) Member(RenderedDocument document, ApplySetRecord set)
    {
        var kind = ResourceKind.Find(document.ApiVersion, document.Kind)
            ?? throw new InvalidOperationException($"{document.DisplayName} ({document.ApiVersion}) is not a kind this client knows; it cannot be applied.");
        var body = JsonNode.Parse(KubernetesJson.Serialize(document.Model))!.AsObject();
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        string? ns = null;
        if (kind.Namespaced)
        {
            ns = metadata["namespace"]?.GetValue<string>() is { Length: > 0 } own ? own : defaultNamespace;
            if (ns != set.Namespace)
                throw new InvalidOperationException($"{document.DisplayName} names namespace '{ns}', but the service deploys to '{set.Namespace}'. Render it without a namespace or pass --namespace {ns}.");
            metadata["namespace"] = ns;
        }
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels[ApplySetRecord.PartOfLabel] = set.Id;
        return (new ResourceId(kind, ns, document.Name), body);
    }
}

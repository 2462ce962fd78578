using System.Text.Json.Nodes;
using ContainerCloudBuild.Manifests;

namespace ContainerCloudBuild.Kubernetes.Apply;

/// <summary>
/// Applies services' manifests with server-side apply, each service's objects in the renderer's order, and prunes what an
/// earlier apply of a service created and this render no longer has. Each service owns one applyset; its parent is
/// widened to the union of the old and new group-kinds before the members are applied and narrowed after the prune, so
/// an interrupted apply never loses track of an object (the KEP-3659 sequence kubectl follows). Many services are applied
/// together: their parents are read with one list, a parent is written only when it does not already record what it must,
/// services' objects go out concurrently, and the prune lists each group-kind once for all services.
/// </summary>
public sealed class ManifestApplier(KubeApi api, string defaultNamespace, Action<string> output)
{
    private readonly Lock _outputLock = new();

    public async Task<ApplyReport> ApplyAsync(string service, IReadOnlyList<RenderedDocument> documents, ApplyOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentNullException.ThrowIfNull(documents);
        var reports = await ApplyAsync([ServiceManifests.From(service, documents)], options, cancellationToken).ConfigureAwait(false);
        return reports[0];
    }

    /// <summary>Applies every service (one applyset each); the reports come back in the order of <paramref name="services"/>.</summary>
    public async Task<IReadOnlyList<ApplyReport>> ApplyAsync(IReadOnlyList<ServiceManifests> services, ApplyOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (services.GroupBy(s => s.Service, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Service '{twice.Key}' is listed twice; each service owns one applyset.", nameof(services));
        var plans = services.Select(s => Plan(s)).ToList();
        var parents = new ApplySetParents(api, defaultNamespace);
        await parents.ReadAsync(plans.Select(p => p.Set), cancellationToken).ConfigureAwait(false);
        foreach (var plan in plans)
            plan.PreviousKinds = parents.GroupKindsOf(plan.Set);

        var applied = await Task.WhenAll(plans.Select(plan => ApplyServiceAsync(plan, parents, options, cancellationToken))).ConfigureAwait(false);
        var pruned = options.Prune
            ? await PruneAsync(plans, options, cancellationToken).ConfigureAwait(false)
            : plans.ToDictionary(p => p.Set.Service, _ => (IReadOnlyList<ResourceId>)[], StringComparer.Ordinal);
        if (!options.DryRun)
        {
            await Task.WhenAll(plans.Select(plan => parents.EnsureAsync(plan.Set, plan.CurrentKinds, options.FieldManager, cancellationToken))).ConfigureAwait(false);
        }
        return [.. plans.Select((plan, i) => new ApplyReport(applied[i], pruned[plan.Set.Service], options.DryRun))];
    }

    private async Task<IReadOnlyList<AppliedObject>> ApplyServiceAsync(ServicePlan plan, ApplySetParents parents, ApplyOptions options, CancellationToken cancellationToken)
    {
        if (!options.DryRun)
            await parents.EnsureAsync(plan.Set, plan.PreviousKinds.Union(plan.CurrentKinds), options.FieldManager, cancellationToken).ConfigureAwait(false);
        var applied = new List<AppliedObject>();
        foreach (var (id, body) in plan.Members)
        {
            var live = options.DryRun ? await api.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
            var result = await api.ApplyAsync(id, body, options.FieldManager, options.ForceConflicts, options.DryRun, cancellationToken).ConfigureAwait(false);
            var diff = options.DryRun ? ObjectDiff.Between(id, live, result) : null;
            Say(diff?.Render().TrimEnd('\n') ?? $"{id.Kind.Kind.ToLowerInvariant()}/{id.Name} applied");
            applied.Add(new AppliedObject(id, result, diff));
        }
        return applied;
    }

    /// <summary>
    /// Lists each group-kind that any service's applyset recorded before this apply once, for all those applysets, and
    /// deletes what their renders dropped. A kind the record did not list has no earlier members (the record is widened
    /// before members are applied), so a first apply lists nothing.
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyList<ResourceId>>> PruneAsync(List<ServicePlan> plans, ApplyOptions options, CancellationToken cancellationToken)
    {
        var pruned = plans.ToDictionary(p => p.Set.Service, _ => new List<ResourceId>(), StringComparer.Ordinal);
        var byKind = plans.SelectMany(p => p.PreviousKinds.Select(kind => (Kind: kind, Plan: p)))
            .GroupBy(x => x.Kind, x => x.Plan, StringComparer.Ordinal)
            .Select(g => (Kind: ResourceKind.FromGroupKind(g.Key), Plans: g.ToList()))
            .Where(g => g.Kind is { Namespaced: true })
            .ToList();
        var lists = await Task.WhenAll(byKind.Select(g =>
            api.ListAnyAsync(g.Kind!, defaultNamespace, ApplySetRecord.PartOfLabel, [.. g.Plans.Select(p => p.Set.Id)], cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < byKind.Count; i++)
        {
            foreach (var plan in byKind[i].Plans)
            {
                foreach (var id in PruneSelection.Select(plan.Set, byKind[i].Kind!, lists[i], plan.Rendered))
                {
                    await api.DeleteAsync(id, options.DryRun, cancellationToken).ConfigureAwait(false);
                    Say($"- {id} pruned{(options.DryRun ? " (dry run)" : "")}: no longer rendered");
                    pruned[plan.Set.Service].Add(id);
                }
            }
        }
        return pruned.ToDictionary(p => p.Key, p => (IReadOnlyList<ResourceId>)p.Value, StringComparer.Ordinal);
    }

    private ServicePlan Plan(ServiceManifests service)
    {
        ArgumentException.ThrowIfNullOrEmpty(service.Service);
        var set = new ApplySetRecord(service.Service, defaultNamespace);
        var members = service.Objects.Select(o => Member(o, set)).ToList();
        return new ServicePlan(set, members, [.. members.Select(m => m.Id.Kind.GroupKind).Distinct(StringComparer.Ordinal)]);
    }

    private void Say(string line)
    {
        lock (_outputLock)
            output(line);
    }

    /// <summary>The object as JSON, in this namespace, labelled as a member of the service's applyset.</summary>
    internal (ResourceId Id, JsonObject Body) Member(ManifestObject manifest, ApplySetRecord set)
    {
        var kind = ResourceKind.Find(manifest.ApiVersion, manifest.Kind)
            ?? throw new InvalidOperationException($"{manifest.DisplayName} ({manifest.ApiVersion}) is not a kind this client knows; it cannot be applied.");
        if (manifest.Name.Length == 0)
            throw new InvalidOperationException($"{manifest.DisplayName} has no metadata.name; it cannot be applied.");
        var body = manifest.Body.DeepClone().AsObject();
        var metadata = body["metadata"] as JsonObject ?? new JsonObject();
        body["metadata"] = metadata;
        string? ns = null;
        if (kind.Namespaced)
        {
            ns = metadata["namespace"]?.GetValue<string>() is { Length: > 0 } own ? own : defaultNamespace;
            if (ns != set.Namespace)
                throw new InvalidOperationException($"{manifest.DisplayName} names namespace '{ns}', but the service deploys to '{set.Namespace}'. Render it without a namespace or pass --namespace {ns}.");
            metadata["namespace"] = ns;
        }
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        metadata["labels"] = labels;
        labels[ApplySetRecord.PartOfLabel] = set.Id;
        return (new ResourceId(kind, ns, manifest.Name), body);
    }

    private sealed record ServicePlan(ApplySetRecord Set, IReadOnlyList<(ResourceId Id, JsonObject Body)> Members, IReadOnlyList<string> CurrentKinds)
    {
        public IReadOnlyList<string> PreviousKinds { get; set; } = [];
        public IReadOnlyList<ResourceId> Rendered => [.. Members.Select(m => m.Id)];
    }
}

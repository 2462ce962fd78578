namespace ContainerCloudBuild.Rollouts.Controller;

/// <summary>Rebuilds the router's backends and weights from the saved state (the state on disk is the truth).</summary>
internal sealed class RoutingRestorer(RolloutSteps steps)
{
    /// <summary>
    /// Re-registers the saved revisions with the router and re-applies their weights, e.g. after the router
    /// process restarted and lost its run-time state. Touches no workload.
    /// </summary>
    public async Task<RolloutResult> RestoreAsync(string app, CancellationToken cancellationToken)
    {
        RolloutNames.Validate(app, "Application");
        var state = await steps.Ports.Store.LoadAsync(app, cancellationToken).ConfigureAwait(false);
        if (state?.Stable is null)
            return RolloutResult.Fail($"No stable revision of '{app}' is recorded; nothing to route.", state);
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (revision, weight) in new[]
                 {
                     (state.Stable, state.Candidate is null ? 100 : 100 - state.CandidateWeight),
                     (state.Candidate, state.CandidateWeight),
                     (state.Previous, 0),
                 })
        {
            if (revision is null || !WasStarted(revision))
                continue;
            await steps.Ports.Router.AddBackendAsync(app, revision, cancellationToken).ConfigureAwait(false);
            weights[revision.Revision] = weight;
        }
        await steps.SetWeightsAsync(state, weights, cancellationToken).ConfigureAwait(false);
        steps.Emit(state, RolloutEventKind.RoutingRestored, string.Join(", ", weights.Select(w => $"{w.Key}={w.Value}%")));
        return new RolloutResult(true, state.Phase, "routing restored", state);
    }

    /// <summary>
    /// Whether the driver started the revision (a candidate is saved once before it starts): a Docker host's revision has an
    /// address, a cluster's has none (its Service is the router's) but the time its Deployment was created.
    /// </summary>
    private static bool WasStarted(RevisionInfo revision) => revision.AllAddresses().Count > 0 || revision.StartedAt is not null;
}

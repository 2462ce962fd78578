using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

/// <summary>
/// The saved rollout state is the truth: when nobody runs an application's rollout and the router's servers or
/// weights differ from what the state records (HAProxy restarted and lost its run-time servers), the routing is
/// restored from the state. A rollout some process is running is left alone.
/// </summary>
public sealed class RoutingReconciler(RolloutController controller)
{
    /// <summary>Restores the app's routing when it drifted; returns what it did (null when nothing was needed).</summary>
    public async Task<string?> ReconcileAsync(string app, CancellationToken cancellationToken)
    {
        var status = await controller.GetStatusAsync(app, cancellationToken).ConfigureAwait(false);
        if (status.State?.Stable is null || status.RunningIn is not null)
            return null;
        if (status.Warnings.Count > 0) // e.g. HAProxy is not running: nothing to restore into; the command goes on and says what it can
            return $"{app}: routing not checked ({string.Join("; ", status.Warnings)}); ./build.sh StackUp starts the stack and restores it";
        var expected = Expected(status.State);
        if (expected.All(e => status.Weights.TryGetValue(e.Key, out var w) && w == e.Value))
            return null;
        var result = await controller.RestoreRoutingAsync(app, cancellationToken).ConfigureAwait(false);
        var before = status.Weights.Count == 0 ? "no servers" : string.Join(", ", status.Weights.Select(w => $"{w.Key}={w.Value}%"));
        return result.Succeeded
            ? $"{app}: router had {before}; restored {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}%"))} from the saved state"
            : $"{app}: routing could not be restored: {result.Message}";
    }

    /// <summary>The weights the saved state means (as <see cref="RolloutController.RestoreRoutingAsync"/> applies them).</summary>
    public static IReadOnlyDictionary<string, int> Expected(RolloutState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        if (state.Stable?.Address is not null)
            weights[state.Stable.Revision] = state.Candidate is null ? 100 : 100 - state.CandidateWeight;
        if (state.Candidate?.Address is not null)
            weights[state.Candidate.Revision] = state.CandidateWeight;
        if (state.Previous?.Address is not null)
            weights[state.Previous.Revision] = 0;
        return weights;
    }
}

namespace ContainerCloudBuild.Rollouts;

public sealed partial class RolloutController
{
    /// <summary>Runs the hooks at <paramref name="point"/> (if any) and emits their answer as a "Hook" event.</summary>
    private async Task<RolloutHookResult> HookAsync(RolloutHookPoint point, RolloutState state, RevisionInfo? candidate, string message, CancellationToken cancellationToken)
    {
        if (Hooks is null)
            return RolloutHookResult.None;
        var request = new RolloutHookRequest(point, state.App, state.Strategy, state.Stable, candidate, message);
        var result = await Hooks.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var verdict = result.Allowed ? result.Approved ? "approved" : "allowed" : "blocked";
        Emit(state, result.Allowed ? "Hook" : "HookBlocked", $"{point} {verdict}: {result.Message}", candidate?.Revision);
        return result;
    }
}

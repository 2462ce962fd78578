using ContainerCloudBuild.Abstractions;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Deploy;

public sealed partial class DockerHostDeploy
{
    /// <summary>The rollout's state, the router's live weights and the running revisions, after reconciling the router.</summary>
    public async Task<RolloutStatus> StatusAsync(string app, CancellationToken cancellationToken)
    {
        await ReconcileAsync(app, cancellationToken).ConfigureAwait(false);
        return await Controller.GetStatusAsync(app, cancellationToken).ConfigureAwait(false);
    }

    public Task<RolloutResult> PromoteAsync(string app, bool full, CancellationToken cancellationToken) =>
        CommandAsync(app, full ? RolloutCommandKind.PromoteFull : RolloutCommandKind.Promote, ct => Controller.PromoteAsync(app, full, ct), cancellationToken);

    /// <summary>An Abort that aborted is a success (<see cref="RolloutResult.AsOutcomeOf"/>); one with nothing in progress is not, whatever the last rollout's phase.</summary>
    public Task<RolloutResult> AbortAsync(string app, string reason, CancellationToken cancellationToken) =>
        CommandAsync(app, RolloutCommandKind.Abort, ct => Controller.AbortAsync(app, reason, ct), cancellationToken);

    public Task<RolloutResult> UndoAsync(string app, CancellationToken cancellationToken) =>
        CommandAsync(app, RolloutCommandKind.Undo, ct => Controller.UndoAsync(app, ct), cancellationToken);

    public Task<IReadOnlyList<RolloutHistoryEntry>> HistoryAsync(string app, CancellationToken cancellationToken) => History.ReadAsync(app, cancellationToken);

    /// <summary>Restores the app's routing from its saved state when the router drifted (see <see cref="RoutingReconciler"/>); prints what it did.</summary>
    public async Task ReconcileAsync(string app, CancellationToken cancellationToken)
    {
        if (await Reconciler.ReconcileAsync(app, cancellationToken).ConfigureAwait(false) is { } done)
            _context.Console.Info(done);
    }

    private async Task<RolloutResult> CommandAsync(
        string app, RolloutCommandKind kind, Func<CancellationToken, Task<RolloutResult>> command, CancellationToken cancellationToken)
    {
        await ReconcileAsync(app, cancellationToken).ConfigureAwait(false);
        var result = await command(cancellationToken).ConfigureAwait(false); // the controller already judges an Abort that aborted a success
        var revision = result.State?.Candidate ?? result.State?.Stable;
        await RecordAsync(app, kind.ToString(), result.State?.Strategy.ToString(), revision?.Revision, null, result, cancellationToken, revision).ConfigureAwait(false);
        return result;
    }

    private Task RecordAsync(
        string app, string command, string? strategy, string? revision, ImageReference? image, RolloutResult result, CancellationToken cancellationToken,
        RevisionInfo? info = null)
    {
        info ??= result.State?.Stable?.Revision == revision ? result.State?.Stable : result.State?.Candidate ?? result.State?.Previous;
        return History.AppendAsync(new RolloutHistoryEntry(
            _context.TimeProvider.GetUtcNow(), app, command, strategy, revision, image?.ToDeployString() ?? info?.Image, image?.Digest ?? info?.Digest,
            RolloutHistory.Actor(_context.Environment), result.Phase, result.Succeeded, _context.Secrets.Apply(result.Message)), cancellationToken);
    }
}

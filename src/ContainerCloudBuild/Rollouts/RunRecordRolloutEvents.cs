using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Reporting;

namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>
/// Keeps every rollout step in the run record, under the target that runs it (the Docker host target already
/// prints them through its logger), as a typed <see cref="ReportedRolloutEvent"/> the run report reads. The event
/// that ends a rollout also records its typed <see cref="RolloutOutcome"/> as a <see cref="OutcomeKind"/> event,
/// which the metrics publisher reads.
/// </summary>
public sealed class RunRecordRolloutEvents(RunEventLog events) : IRolloutEvents
{
    public const string OutcomeKind = "rollout.result";

    public void Publish(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        events.Record(ReportKinds.Rollout(rolloutEvent.Kind),
            $"{rolloutEvent.At:O} {rolloutEvent.App}{(rolloutEvent.Revision is null ? "" : "/" + rolloutEvent.Revision)}: {rolloutEvent.Message}",
            ReportedRolloutEvent.From(rolloutEvent));
        if (rolloutEvent.Outcome is { } outcome)
            events.Record(OutcomeKind, $"{outcome.App} {outcome.Revision}: {outcome.Phase}", outcome);
    }
}

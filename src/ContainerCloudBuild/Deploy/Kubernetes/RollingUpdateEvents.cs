using ContainerCloudBuild.Rollouts;
using ContainerCloudBuild.Rollouts.Hosting;

namespace ContainerCloudBuild.Deploy.Kubernetes;

/// <summary>
/// A rolling update on a cluster in the run record, as the rollout core records its strategies (and a Docker host's
/// deploys): Started, then Completed at 100% or Failed, each a typed rollout event with the ending's outcome, so the run
/// report's rollout section and the metrics show it like any other rollout.
/// </summary>
internal sealed class RollingUpdateEvents(RunRecordRolloutEvents events, TimeProvider time, string app, string revision)
{
    public void Started(string message) => events.Publish(new RolloutEvent(time.GetUtcNow(), app, RolloutEventKind.Started, message, revision));

    public void Ended(RolloutResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var phase = result.Succeeded ? RolloutPhase.Completed : RolloutPhase.Failed;
        events.Publish(new RolloutEvent(time.GetUtcNow(), app, result.Succeeded ? RolloutEventKind.Completed : RolloutEventKind.Failed, result.Message, revision)
        {
            Outcome = new RolloutOutcome(app, revision, phase),
            CandidateWeight = result.Succeeded ? 100 : null,
        });
    }
}

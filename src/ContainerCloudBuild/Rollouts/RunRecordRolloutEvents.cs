using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>Keeps every rollout step in the run record (the Docker host target already prints them through its logger).</summary>
public sealed class RunRecordRolloutEvents(RunEventLog events, string? target) : IRolloutEvents
{
    public void Publish(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        events.Add(target, "rollout." + rolloutEvent.Kind,
            $"{rolloutEvent.At:O} {rolloutEvent.App}{(rolloutEvent.Revision is null ? "" : "/" + rolloutEvent.Revision)}: {rolloutEvent.Message}");
    }
}

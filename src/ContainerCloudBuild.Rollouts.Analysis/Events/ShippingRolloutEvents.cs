using ContainerCloudBuild.Analysis.Events;

namespace ContainerCloudBuild.Rollouts.Analysis.Events;

/// <summary>
/// Ships every rollout event as a structured "rollout.&lt;Kind&gt;" event (fields app, revision, kind) through an
/// <see cref="EventShipper"/>, which masks secrets and batches to the JSON-lines file, Loki or Fluent Bit.
/// </summary>
public sealed class ShippingRolloutEvents(EventShipper shipper) : IRolloutEvents
{
    public void Publish(RolloutEvent rolloutEvent)
    {
        ArgumentNullException.ThrowIfNull(rolloutEvent);
        shipper.Publish(ToPipelineEvent(rolloutEvent));
    }

    public static PipelineEvent ToPipelineEvent(RolloutEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = e.App, ["kind"] = e.Kind.ToString(), ["revision"] = e.Revision ?? "" };
        return new PipelineEvent(e.At, "rollout." + e.Kind, e.Message, fields) { Level = e.Kind.IsError() ? "error" : "info" };
    }
}

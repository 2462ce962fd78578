namespace ContainerCloudBuild.Rollouts;

/// <summary>How a rollout of <see cref="Revision"/> ended: the terminal phase it reached.</summary>
public sealed record RolloutOutcome(string App, string Revision, RolloutPhase Phase)
{
    /// <summary>True when the revision was rolled out to the end (Completed); Aborted and Failed are not.</summary>
    public bool Succeeded => Phase == RolloutPhase.Completed;
}

namespace ContainerCloudBuild.Engine.Execution;

public enum TargetOutcome { Succeeded, Failed, Skipped, UpToDate, NotRun, Cancelled }

/// <summary>The result of one target in a run.</summary>
public sealed record TargetResult(string Name, TargetOutcome Outcome, TimeSpan Duration, string? Message = null, int Attempts = 0)
{
    /// <summary>Dependents may run after this outcome.</summary>
    public bool Satisfies => Outcome is TargetOutcome.Succeeded or TargetOutcome.Skipped or TargetOutcome.UpToDate;

    /// <summary>When the target's body was started (null for a target that never started: skipped before it ran, not run).</summary>
    public DateTimeOffset? StartedAt { get; init; }
}

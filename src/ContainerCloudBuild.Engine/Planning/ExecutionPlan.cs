namespace ContainerCloudBuild.Engine.Planning;

/// <summary>Why a target is in the plan.</summary>
public enum PlanReason { Requested, Dependency, Triggered }

/// <summary>How a target waits for another one.</summary>
public enum EdgeKind
{
    /// <summary>The predecessor must succeed (or be skipped): DependsOn.</summary>
    Dependency,
    /// <summary>The predecessor must succeed: Triggers.</summary>
    Trigger,
    /// <summary>The predecessor must only have finished: After/Before.</summary>
    Ordering,
}

public sealed record PlanEdge(string From, EdgeKind Kind);

/// <summary>One target in the plan, with what it waits for and why it may be skipped.</summary>
public sealed record PlannedTarget(TargetSpec Spec, PlanReason Reason, IReadOnlyList<PlanEdge> WaitsFor, string? SkipReason)
{
    public string Name => Spec.Name;
    public bool IsSkipped => SkipReason is not null;
}

/// <summary>The ordered plan the executor runs.</summary>
public sealed record ExecutionPlan(IReadOnlyList<PlannedTarget> Targets)
{
    public PlannedTarget? Find(string name) =>
        Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What the user asked for.</summary>
public sealed record PlanRequest(IReadOnlyList<string> Targets, IReadOnlyList<string> Skip, bool SkipAllNotRequested = false);

/// <summary>A plan or a usage error with its message.</summary>
public sealed record PlanResult(ExecutionPlan? Plan, string? Error)
{
    public bool Succeeded => Plan is not null;
    public static PlanResult Ok(ExecutionPlan plan) => new(plan, null);
    public static PlanResult Fail(string error) => new(null, error);
}

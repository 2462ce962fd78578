namespace ContainerCloudBuild.Engine;

/// <summary>Fluent definition of one target. Every method returns the same definition.</summary>
public interface ITargetDefinition
{
    /// <summary>Text shown in <c>--help</c> and the plan.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets must succeed (or be skipped) before this one runs; they join the plan.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target must run before the given ones, which then depend on it.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Ordering only: when both are in the plan, this runs after the given targets.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Ordering only: when both are in the plan, this runs before the given targets.</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>When this target is in the plan and runs successfully, the given targets run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>When any of the given targets is in the plan and succeeds, this one runs after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated while planning: when false the target (and dependencies only it needs) is skipped.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>Evaluated right before the target runs: when false it is skipped; its dependencies already ran.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>The value (usually a parameter) must be set before anything runs: <c>Requires(() => ApiKey)</c>.</summary>
    ITargetDefinition Requires(Func<object?> value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string expression = "");

    /// <summary>A failure of this target does not stop independent targets.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Cleanup that runs even after failures or cancellation.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c>; still runnable.</summary>
    ITargetDefinition Unlisted();

    /// <summary>The body is cancelled and the target fails when it runs longer than this.</summary>
    ITargetDefinition Timeout(TimeSpan timeout);

    /// <summary>Runs the body up to <paramref name="attempts"/> times in total while it fails.</summary>
    ITargetDefinition Retry(int attempts, TimeSpan? delay = null);

    /// <summary>Files (globs relative to the root) whose content decides whether the target is up to date.</summary>
    ITargetDefinition Inputs(params string[] globs);

    /// <summary>A value (for example a parameter) that is part of the up-to-date hash.</summary>
    ITargetDefinition InputValue(string name, Func<object?> value);

    /// <summary>Files (globs relative to the root) the target produces; all must exist for an up-to-date skip.</summary>
    ITargetDefinition Outputs(params string[] globs);

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Action<CancellationToken> action);
    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}

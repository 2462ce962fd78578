namespace ContainerCloudBuild.Engine;

/// <summary>A named condition with the source text it was written as (shown when it skips a target).</summary>
public sealed record NamedCondition(string Expression, Func<bool> Evaluate);

/// <summary>A value a target requires, with the expression it came from.</summary>
public sealed record RequiredValue(string Name, Func<object?> Read);

/// <summary>A named value that takes part in the up-to-date hash.</summary>
public sealed record InputValueSpec(string Name, Func<object?> Read);

/// <summary>The retry policy of a target: total attempts and the delay between them.</summary>
public sealed record RetryPolicy(int Attempts, TimeSpan Delay);

/// <summary>Everything declared about one target, with relations resolved to target names.</summary>
public sealed record TargetSpec
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> DependsOn { get; init; } = [];
    public IReadOnlyList<string> After { get; init; } = [];
    public IReadOnlyList<string> Triggers { get; init; } = [];
    public IReadOnlyList<NamedCondition> StaticConditions { get; init; } = [];
    public IReadOnlyList<NamedCondition> DynamicConditions { get; init; } = [];
    public IReadOnlyList<RequiredValue> Requirements { get; init; } = [];
    public bool ProceedAfterFailure { get; init; }
    public bool AssuredAfterFailure { get; init; }
    public bool Unlisted { get; init; }
    public TimeSpan? Timeout { get; init; }
    public RetryPolicy? Retry { get; init; }
    public IReadOnlyList<string> InputGlobs { get; init; } = [];
    public IReadOnlyList<InputValueSpec> InputValues { get; init; } = [];
    public IReadOnlyList<string> OutputGlobs { get; init; } = [];
    public IReadOnlyList<Func<CancellationToken, Task>> Actions { get; init; } = [];

    /// <summary>True when the target declared inputs, so it can be skipped as up to date.</summary>
    public bool HasUpToDateCheck => InputGlobs.Count > 0 || InputValues.Count > 0;
}

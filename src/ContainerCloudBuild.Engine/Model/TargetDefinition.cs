namespace ContainerCloudBuild.Engine;

/// <summary>The mutable builder behind the fluent API; <see cref="TargetGraph"/> turns it into a <see cref="TargetSpec"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<NamedCondition> StaticConditions { get; } = [];
    public List<NamedCondition> DynamicConditions { get; } = [];
    public List<RequiredValue> Requirements { get; } = [];
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public TimeSpan? TimeoutValue { get; private set; }
    public RetryPolicy? RetryValue { get; private set; }
    public List<string> InputGlobs { get; } = [];
    public List<InputValueSpec> InputValues { get; } = [];
    public List<string> OutputGlobs { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition DependentFor(params Target[] targets) { DependentForTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggersTargets.AddRange(targets); return this; }
    public ITargetDefinition TriggeredBy(params Target[] targets) { TriggeredByTargets.AddRange(targets); return this; }

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string expression = "")
    {
        StaticConditions.Add(new NamedCondition(ExpressionText.Body(expression), condition));
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string expression = "")
    {
        DynamicConditions.Add(new NamedCondition(ExpressionText.Body(expression), condition));
        return this;
    }

    public ITargetDefinition Requires(Func<object?> value, string expression = "")
    {
        Requirements.Add(new RequiredValue(ExpressionText.Body(expression), value));
        return this;
    }

    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }

    public ITargetDefinition Timeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        TimeoutValue = timeout;
        return this;
    }

    public ITargetDefinition Retry(int attempts, TimeSpan? delay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        RetryValue = new RetryPolicy(attempts, delay ?? TimeSpan.FromSeconds(1));
        return this;
    }

    public ITargetDefinition Inputs(params string[] globs) { InputGlobs.AddRange(globs); return this; }
    public ITargetDefinition InputValue(string name, Func<object?> value) { InputValues.Add(new InputValueSpec(name, value)); return this; }
    public ITargetDefinition Outputs(params string[] globs) { OutputGlobs.AddRange(globs); return this; }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(_ => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Action<CancellationToken> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(ct => { action(ct); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(action);
        return this;
    }
}

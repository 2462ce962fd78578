using ContainerCloudBuild.Analysis.Conditions;

namespace ContainerCloudBuild.Analysis;

/// <summary>
/// One metric of an analysis. A measurement fails when it meets <see cref="FailureCondition"/> or misses
/// <see cref="SuccessCondition"/>; with both set and neither met it is inconclusive (the analysis pauses).
/// The metric fails when more than <see cref="FailureLimit"/> measurements failed, or more than
/// <see cref="ConsecutiveErrorLimit"/> provider errors happened in a row (Argo Rollouts' semantics).
/// </summary>
public sealed record AnalysisMetric(string Name, IMetricProvider Provider)
{
    /// <summary>Query template; <c>{{app}}</c>, <c>{{revision}}</c>, <c>{{interval}}</c>, ... are substituted.</summary>
    public string Query { get; init; } = "";

    public Condition? SuccessCondition { get; init; }

    public Condition? FailureCondition { get; init; }

    /// <summary>Time between measurements.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The window <c>{{interval}}</c> renders to; defaults to <see cref="Interval"/>.</summary>
    public TimeSpan? QueryWindow { get; init; }

    /// <summary>Number of measurements.</summary>
    public int Count { get; init; } = 1;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Failed measurements tolerated; one more fails the metric.</summary>
    public int FailureLimit { get; init; }

    /// <summary>Consecutive provider errors tolerated; one more fails the metric.</summary>
    public int ConsecutiveErrorLimit { get; init; } = 4;

    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Fail;

    /// <summary>Text of both conditions, for messages.</summary>
    public string ConditionText => (SuccessCondition, FailureCondition) switch
    {
        ({ } s, { } f) => $"success {s.Text}, failure {f.Text}",
        ({ } s, null) => $"success {s.Text}",
        (null, { } f) => $"failure {f.Text}",
        _ => "(none)",
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the metric and the field when the spec is unusable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("An analysis metric needs a name.", nameof(Name));
        if (SuccessCondition is null && FailureCondition is null)
            throw new ArgumentException($"Metric '{Name}' has neither a success nor a failure condition; set at least one (e.g. SuccessCondition = Condition.Parse(\">= 0.99\")).", nameof(SuccessCondition));
        if (Count < 1)
            throw new ArgumentException($"Metric '{Name}' has Count {Count}; it must be at least 1.", nameof(Count));
        if (Interval <= TimeSpan.Zero && Count > 1)
            throw new ArgumentException($"Metric '{Name}' takes {Count} measurements with Interval {Interval}; the interval must be positive.", nameof(Interval));
        if (FailureLimit < 0 || ConsecutiveErrorLimit < 0 || InitialDelay < TimeSpan.Zero)
            throw new ArgumentException($"Metric '{Name}' has a negative FailureLimit, ConsecutiveErrorLimit or InitialDelay.", nameof(FailureLimit));
    }
}

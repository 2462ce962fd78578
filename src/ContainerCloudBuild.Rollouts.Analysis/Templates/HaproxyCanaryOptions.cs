using ContainerCloudBuild.Analysis;

namespace ContainerCloudBuild.Rollouts.Analysis.Templates;

/// <summary>
/// Settings of a built-in canary analysis ("haproxy-canary" on a Docker host; "nginx-canary" and "openshift-router-canary" on a cluster). A step can override <c>noData</c> (fail|pause|pass),
/// <c>failureLimit</c>, <c>count</c> and <c>intervalSeconds</c> through its args (not <c>interval</c>: that is the query window placeholder).
/// </summary>
public sealed record HaproxyCanaryOptions
{
    /// <summary>Time between measurements.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Measurements per metric; the analysis takes about InitialDelay + (Count - 1) x Interval.</summary>
    public int Count { get; init; } = 5;

    /// <summary>Wait before the first measurement, so Prometheus has scraped the new server (at least 2 scrape intervals).</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The rate window of the PromQL queries; at least 2 scrape intervals (null: max(Interval, 4 s)).</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>Failed measurements tolerated per metric; one more aborts the rollout.</summary>
    public int FailureLimit { get; init; } = 1;

    /// <summary>Consecutive provider errors (e.g. Prometheus down) tolerated; one more fails the analysis.</summary>
    public int ConsecutiveErrorLimit { get; init; } = 2;

    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Fail;

    /// <summary>Minimum share of non-5xx responses of the candidate (its HAProxy server, or its share of the ingress/router traffic).</summary>
    public double MinSuccessRate { get; init; } = 0.99;

    /// <summary>Maximum response time of the candidate, in seconds (an average for HAProxy and the OpenShift router, the p99 for ingress-nginx).</summary>
    public double MaxResponseTimeSeconds { get; init; } = 0.5;

    /// <summary>Log lines that count as errors (regular expressions); empty turns the log metric off.</summary>
    public IReadOnlyList<string> LogErrorPatterns { get; init; } = [@"\bERROR\b", @"\bFATAL\b", "panic:", "Unhandled exception"];

    /// <summary>Error lines tolerated per measurement interval.</summary>
    public int MaxLogErrorsPerInterval { get; init; } = 5;
}

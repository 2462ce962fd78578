using System.Globalization;
using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Conditions;
using ContainerCloudBuild.Analysis.Providers.Logs;
using ContainerCloudBuild.Prometheus.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis.Templates;

/// <summary>
/// The built-in "haproxy-canary" analysis: the candidate's HAProxy server (backend = app, server = revision)
/// must answer at least <see cref="HaproxyCanaryOptions.MinSuccessRate"/> non-5xx with an average response time
/// under <see cref="HaproxyCanaryOptions.MaxResponseTimeSeconds"/> (Prometheus scraping HAProxy's exporter), and its
/// container logs must show at most <see cref="HaproxyCanaryOptions.MaxLogErrorsPerInterval"/> error lines per interval.
/// </summary>
public sealed class HaproxyCanaryTemplate(IMetricProvider prometheus, HaproxyCanaryOptions options) : IRolloutAnalysisTemplate
{
    public const string Name = "haproxy-canary";

    public const string LogMetricName = "log_error_lines";

    public IReadOnlyList<AnalysisMetric> Build(AnalysisTemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timing = CanaryTiming.From(context.Request.Args, options, Name);
        var http = HaproxyTemplates.CanaryAnalysis(prometheus, timing.Interval, timing.Count, timing.Window, timing.FailureLimit)
            .Select(m => timing.Apply(m, options) with
            {
                SuccessCondition = m.Name == HaproxyTemplates.SuccessRate.Name
                    ? Condition.Parse(">= " + options.MinSuccessRate.ToString(CultureInfo.InvariantCulture))
                    : Condition.Parse("< " + options.MaxResponseTimeSeconds.ToString(CultureInfo.InvariantCulture)),
            });
        return LogErrors(context, options, timing) is { } logs ? [.. http, logs] : [.. http];
    }

    /// <summary>The error lines of the candidate's logs per interval, when its logs are readable and patterns are set (shared by the router templates).</summary>
    internal static AnalysisMetric? LogErrors(AnalysisTemplateContext context, HaproxyCanaryOptions options, CanaryTiming timing) =>
        context.CandidateLogs is null || options.LogErrorPatterns.Count == 0
            ? null
            : new AnalysisMetric(LogMetricName, new LogPatternMetricProvider(context.CandidateLogs, options.LogErrorPatterns, context.Time))
            {
                SuccessCondition = Condition.Parse("<= " + options.MaxLogErrorsPerInterval.ToString(CultureInfo.InvariantCulture)),
                Interval = timing.Interval,
                Count = timing.Count,
                InitialDelay = options.InitialDelay,
                FailureLimit = timing.FailureLimit,
                ConsecutiveErrorLimit = options.ConsecutiveErrorLimit,
            };
}

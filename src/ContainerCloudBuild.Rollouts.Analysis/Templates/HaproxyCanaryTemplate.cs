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
        var args = context.Request.Args;
        var interval = Seconds(args, "intervalSeconds") ?? options.Interval;
        var count = Int(args, "count") ?? options.Count;
        var failureLimit = Int(args, "failureLimit") ?? options.FailureLimit;
        var noData = args.TryGetValue("noData", out var nd) ? ParsePolicy(nd) : options.NoData;
        var window = options.Window ?? (interval > TimeSpan.FromSeconds(4) ? interval : TimeSpan.FromSeconds(4));
        var http = HaproxyTemplates.CanaryAnalysis(prometheus, interval, count, window, failureLimit)
            .Select(m => m with
            {
                InitialDelay = options.InitialDelay,
                NoData = noData,
                ConsecutiveErrorLimit = options.ConsecutiveErrorLimit,
                SuccessCondition = m.Name == HaproxyTemplates.SuccessRate.Name
                    ? Condition.Parse(">= " + options.MinSuccessRate.ToString(CultureInfo.InvariantCulture))
                    : Condition.Parse("< " + options.MaxResponseTimeSeconds.ToString(CultureInfo.InvariantCulture)),
            });
        if (context.CandidateLogs is null || options.LogErrorPatterns.Count == 0)
            return [.. http];
        var logs = new AnalysisMetric(LogMetricName, new LogPatternMetricProvider(context.CandidateLogs, options.LogErrorPatterns, context.Time))
        {
            SuccessCondition = Condition.Parse("<= " + options.MaxLogErrorsPerInterval.ToString(CultureInfo.InvariantCulture)),
            Interval = interval,
            Count = count,
            InitialDelay = options.InitialDelay,
            FailureLimit = failureLimit,
            ConsecutiveErrorLimit = options.ConsecutiveErrorLimit,
        };
        return [.. http, logs];
    }

    private static TimeSpan? Seconds(IReadOnlyDictionary<string, string> args, string key) =>
        Int(args, key) is { } s ? TimeSpan.FromSeconds(s) : null;

    private static int? Int(IReadOnlyDictionary<string, string> args, string key)
    {
        if (!args.TryGetValue(key, out var text))
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"Analysis argument '{key}' of '{Name}' is '{text}'; it must be a whole number >= 0.", nameof(args));
    }

    private static NoDataPolicy ParsePolicy(string text) =>
        Enum.TryParse<NoDataPolicy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy)
            ? policy
            : throw new ArgumentException($"Analysis argument 'noData' of '{Name}' is '{text}'; use fail, pause or pass.", nameof(text));
}

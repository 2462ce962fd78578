using System.Globalization;
using ContainerCloudBuild.Analysis;

namespace ContainerCloudBuild.Rollouts.Analysis.Templates;

/// <summary>
/// The timing of a built-in canary template: <see cref="HaproxyCanaryOptions"/> overridden by the step's args
/// <c>intervalSeconds</c>, <c>count</c>, <c>failureLimit</c> and <c>noData</c> (fail|pause|pass).
/// </summary>
internal sealed record CanaryTiming(TimeSpan Interval, int Count, int FailureLimit, NoDataPolicy NoData, TimeSpan Window)
{
    public static CanaryTiming From(IReadOnlyDictionary<string, string> args, HaproxyCanaryOptions options, string template)
    {
        var interval = Int(args, "intervalSeconds", template) is { } s ? TimeSpan.FromSeconds(s) : options.Interval;
        return new CanaryTiming(
            interval,
            Int(args, "count", template) ?? options.Count,
            Int(args, "failureLimit", template) ?? options.FailureLimit,
            args.TryGetValue("noData", out var noData) ? ParsePolicy(noData, template) : options.NoData,
            options.Window ?? (interval > TimeSpan.FromSeconds(4) ? interval : TimeSpan.FromSeconds(4)));
    }

    /// <summary>The metric with this timing and the options' initial delay and consecutive-error limit.</summary>
    public AnalysisMetric Apply(AnalysisMetric metric, HaproxyCanaryOptions options) => metric with
    {
        Interval = Interval,
        Count = Count,
        QueryWindow = Window,
        FailureLimit = FailureLimit,
        InitialDelay = options.InitialDelay,
        NoData = NoData,
        ConsecutiveErrorLimit = options.ConsecutiveErrorLimit,
    };

    private static int? Int(IReadOnlyDictionary<string, string> args, string key, string template)
    {
        if (!args.TryGetValue(key, out var text))
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new ArgumentException($"Analysis argument '{key}' of '{template}' is '{text}'; it must be a whole number >= 0.", nameof(args));
    }

    private static NoDataPolicy ParsePolicy(string text, string template) =>
        Enum.TryParse<NoDataPolicy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy)
            ? policy
            : throw new ArgumentException($"Analysis argument 'noData' of '{template}' is '{text}'; use fail, pause or pass.", nameof(text));
}

using System.Text.RegularExpressions;

namespace ContainerCloudBuild.Analysis.Providers.Logs;

/// <summary>
/// Counts log lines matching any of the error patterns over the measurement interval (e.g. judge with
/// <c>&lt;= 5</c>). A log without lines counts 0; an unreadable log source is a provider error.
/// </summary>
public sealed class LogPatternMetricProvider : IMetricProvider
{
    private readonly ILogSource source;
    private readonly TimeProvider time;
    private readonly IReadOnlyList<Regex> patterns;

    public LogPatternMetricProvider(ILogSource source, IEnumerable<string> errorPatterns, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(errorPatterns);
        this.source = source;
        time = timeProvider;
        patterns = [.. errorPatterns.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
        if (patterns.Count == 0)
            throw new ArgumentException("A log metric needs at least one error pattern, e.g. \"ERROR|Exception\".", nameof(errorPatterns));
    }

    public string Name => "logs";

    /// <summary>The last matching lines seen, for failure messages.</summary>
    public IReadOnlyList<string> LastMatches { get; private set; } = [];

    public async Task<ProviderReading> MeasureAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var since = time.GetUtcNow() - query.Interval;
        IReadOnlyList<LogLine> lines;
        try
        {
            lines = await source.ReadSinceAsync(since, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or HttpRequestException)
        {
            return ProviderReading.Error($"could not read logs since {since:O}: {ex.Message}");
        }
        var matches = lines.Where(l => l.Timestamp >= since && patterns.Any(p => p.IsMatch(l.Text))).Select(l => l.Text).ToList();
        LastMatches = matches.TakeLast(5).ToList();
        return matches.Count == 0
            ? ProviderReading.Of(0)
            : ProviderReading.Of([matches.Count], "last matching lines: " + string.Join(" | ", LastMatches));
    }
}

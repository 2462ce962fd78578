using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Analysis.Engine;

/// <summary>
/// Runs an analysis: all metrics concurrently, each on its own schedule. The first metric that fails (or
/// pauses) stops the others. Every measurement goes to the observer as it happens and into the result.
/// A configuration error (bad template, invalid metric) is a Failed result, never a pass.
/// </summary>
public sealed class AnalysisRunner(TimeProvider timeProvider, ILogger<AnalysisRunner>? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger<AnalysisRunner>.Instance;

    public async Task<AnalysisResult> RunAsync(
        IReadOnlyList<AnalysisMetric> metrics,
        IReadOnlyDictionary<string, string> args,
        IAnalysisObserver observer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(observer);
        if (metrics.Count == 0)
            return new AnalysisResult(AnalysisOutcome.Failed, "The analysis has no metrics; add at least one so it can judge anything.", null, null, []);

        var measurements = new List<AnalysisMeasurement>();
        var runs = new List<(AnalysisMetric Metric, MetricRun Run)>();
        foreach (var metric in metrics)
        {
            try
            {
                metric.Validate();
                var query = MetricRun.BuildQuery(metric, args);
                runs.Add((metric, new MetricRun(metric, query, timeProvider, m => Record(m, measurements, observer))));
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or FormatException)
            {
                return new AnalysisResult(AnalysisOutcome.Failed, $"metric '{metric.Name}' is misconfigured: {ex.Message}", metric.Name, null, []);
            }
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = runs.Select(r => RunOne(r.Run, stop)).ToList();
        var outcomes = await Task.WhenAll(pending).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Combine(outcomes, Snapshot(measurements));
    }

    private static async Task<MetricOutcome?> RunOne(MetricRun run, CancellationTokenSource stop)
    {
        try
        {
            var outcome = await run.RunAsync(stop.Token).ConfigureAwait(false);
            if (outcome.Outcome != AnalysisOutcome.Successful)
                await stop.CancelAsync().ConfigureAwait(false);
            return outcome;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null; // stopped because another metric decided, or the caller cancelled
        }
    }

    private void Record(AnalysisMeasurement measurement, List<AnalysisMeasurement> all, IAnalysisObserver observer)
    {
        lock (all)
            all.Add(measurement);
        logger.LogInformation("Analysis measurement {Measurement}", measurement.ToString());
        observer.OnMeasurement(measurement);
    }

    private static List<AnalysisMeasurement> Snapshot(List<AnalysisMeasurement> all)
    {
        lock (all)
            return [.. all];
    }

    private static AnalysisResult Combine(MetricOutcome?[] outcomes, IReadOnlyList<AnalysisMeasurement> measurements)
    {
        var decided = outcomes.OfType<MetricOutcome>().ToList();
        var deciding = decided.FirstOrDefault(o => o.Outcome == AnalysisOutcome.Failed)
            ?? decided.FirstOrDefault(o => o.Outcome == AnalysisOutcome.Inconclusive);
        if (deciding is not null)
            return new AnalysisResult(deciding.Outcome, deciding.Message, deciding.Metric, deciding.Deciding, measurements);
        var summary = string.Join("; ", decided.Select(o => o.Message));
        return new AnalysisResult(AnalysisOutcome.Successful, $"all {decided.Count} metric(s) passed: {summary}", null, null, measurements);
    }
}

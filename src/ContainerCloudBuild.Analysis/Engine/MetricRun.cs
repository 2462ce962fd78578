using ContainerCloudBuild.Analysis.Templating;

namespace ContainerCloudBuild.Analysis.Engine;

/// <summary>The outcome of one metric: its verdict, why, and the measurement that decided it.</summary>
internal sealed record MetricOutcome(string Metric, AnalysisOutcome Outcome, string Message, AnalysisMeasurement? Deciding);

/// <summary>Takes one metric's measurements in sequence and applies the failure, error and no-data limits.</summary>
internal sealed class MetricRun(AnalysisMetric metric, MetricQuery query, TimeProvider time, Action<AnalysisMeasurement> record)
{
    public async Task<MetricOutcome> RunAsync(CancellationToken cancellationToken)
    {
        int failures = 0, consecutiveErrors = 0, passed = 0;
        AnalysisMeasurement? last = null;
        if (metric.InitialDelay > TimeSpan.Zero)
            await Task.Delay(metric.InitialDelay, time, cancellationToken).ConfigureAwait(false);
        for (var index = 1; index <= metric.Count; index++)
        {
            if (index > 1)
                await Task.Delay(metric.Interval, time, cancellationToken).ConfigureAwait(false);
            var reading = await MeasureAsync(cancellationToken).ConfigureAwait(false);
            var (verdict, message) = MeasurementJudge.Judge(metric, reading);
            last = new AnalysisMeasurement(metric.Name, index, time.GetUtcNow(), reading.Values, metric.ConditionText, verdict, message);
            record(last);
            consecutiveErrors = verdict == MeasurementVerdict.Error ? consecutiveErrors + 1 : 0;
            switch (verdict)
            {
                case MeasurementVerdict.Successful:
                    passed++;
                    break;
                case MeasurementVerdict.Failed when ++failures > metric.FailureLimit:
                    return Fail($"{failures} failed measurement(s), more than the failure limit {metric.FailureLimit}; last: value {last.ValueText} vs {metric.ConditionText}: {message}", last);
                case MeasurementVerdict.Error when consecutiveErrors > metric.ConsecutiveErrorLimit:
                    return Fail($"{consecutiveErrors} consecutive provider errors, more than the consecutive-error limit {metric.ConsecutiveErrorLimit}; last: {reading.Message}. Without data the analysis never passes", last);
                case MeasurementVerdict.Inconclusive:
                    return new(metric.Name, AnalysisOutcome.Inconclusive, $"metric '{metric.Name}' is inconclusive: {message}", last);
                case MeasurementVerdict.NoData when metric.NoData == NoDataPolicy.Pause:
                    return new(metric.Name, AnalysisOutcome.Inconclusive, $"metric '{metric.Name}' paused: {message}", last);
                case MeasurementVerdict.NoData:
                    passed++;
                    break;
            }
        }
        if (consecutiveErrors > 0 || passed == 0)
            return Fail($"the last {consecutiveErrors} measurement(s) were provider errors ({last?.Message}); the analysis cannot pass on errors", last);
        return new(metric.Name, AnalysisOutcome.Successful,
            $"metric '{metric.Name}' passed: {passed} of {metric.Count} measurement(s) passed, {failures} failed (limit {metric.FailureLimit}); last value {last?.ValueText} vs {metric.ConditionText}", last);
    }

    private MetricOutcome Fail(string why, AnalysisMeasurement? deciding) =>
        new(metric.Name, AnalysisOutcome.Failed, $"metric '{metric.Name}' failed: {why}", deciding);

    private async Task<ProviderReading> MeasureAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await metric.Provider.MeasureAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a provider's unexpected exception is an error measurement, never a pass
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ProviderReading.Error($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    internal static MetricQuery BuildQuery(AnalysisMetric metric, IReadOnlyDictionary<string, string> args)
    {
        var window = metric.QueryWindow ?? metric.Interval;
        var all = new Dictionary<string, string>(args, StringComparer.Ordinal);
        if (window > TimeSpan.Zero)
            all.TryAdd("interval", QueryTemplate.FormatDuration(window));
        all.TryAdd("metric", metric.Name);
        return new MetricQuery(metric.Name, QueryTemplate.Render(metric.Query, all), window, all);
    }
}

namespace ContainerCloudBuild.Analysis.Engine;

/// <summary>Pure judgement of one provider reading against a metric's conditions and no-data policy.</summary>
public static class MeasurementJudge
{
    public static (MeasurementVerdict Verdict, string Message) Judge(AnalysisMetric metric, ProviderReading reading)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Kind switch
        {
            ReadingKind.Error => (MeasurementVerdict.Error, $"provider '{metric.Provider.Name}' error: {reading.Message}"),
            ReadingKind.NoData => JudgeNoData(metric.NoData, reading.Message ?? "no data"),
            _ when reading.Values.Count == 0 || reading.Values.All(double.IsNaN) => JudgeNoData(metric.NoData, "the query returned NaN"),
            _ => WithNote(JudgeValues(metric, reading.Values), reading.Message),
        };
    }

    // A provider may explain its values (e.g. the log lines that matched); the note ends up in the message.
    private static (MeasurementVerdict, string) WithNote((MeasurementVerdict Verdict, string Message) judged, string? note) =>
        string.IsNullOrEmpty(note) ? judged : (judged.Verdict, $"{judged.Message}; {note}");

    /// <summary>The no-data policy table: Fail counts as a failed measurement, Pause stops, Pass lets it through.</summary>
    public static (MeasurementVerdict Verdict, string Message) JudgeNoData(NoDataPolicy policy, string reason) => policy switch
    {
        NoDataPolicy.Pass => (MeasurementVerdict.NoData, $"no data ({reason}); passed because the no-data policy is Pass"),
        NoDataPolicy.Pause => (MeasurementVerdict.NoData, $"no data ({reason}); the no-data policy is Pause, so the analysis stops as inconclusive for a human to promote or abort"),
        _ => (MeasurementVerdict.Failed, $"no data ({reason}); counted as a failure because the no-data policy is Fail"),
    };

    private static (MeasurementVerdict, string) JudgeValues(AnalysisMetric metric, IReadOnlyList<double> values)
    {
        // Every series must pass; NaN series inside a vector count as not meeting a success condition.
        var failure = metric.FailureCondition;
        var success = metric.SuccessCondition;
        foreach (var v in values)
        {
            if (failure is not null && failure.IsMetBy(v))
                return (MeasurementVerdict.Failed, $"value {AnalysisMeasurement.FormatValue(v)} meets the failure condition {failure.Text}");
        }
        if (success is null)
            return (MeasurementVerdict.Successful, $"no value meets the failure condition {failure!.Text}");
        foreach (var v in values)
        {
            if (success.IsMetBy(v))
                continue;
            return failure is null
                ? (MeasurementVerdict.Failed, $"value {AnalysisMeasurement.FormatValue(v)} does not meet the success condition {success.Text}")
                : (MeasurementVerdict.Inconclusive, $"value {AnalysisMeasurement.FormatValue(v)} meets neither the success condition {success.Text} nor the failure condition {failure.Text}");
        }
        return (MeasurementVerdict.Successful, $"meets the success condition {success.Text}");
    }
}

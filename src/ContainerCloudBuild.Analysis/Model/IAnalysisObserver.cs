namespace ContainerCloudBuild.Analysis;

/// <summary>Told about every measurement as it happens (for console output and the run record).</summary>
public interface IAnalysisObserver
{
    void OnMeasurement(AnalysisMeasurement measurement);
}

/// <summary>An observer that calls a delegate; <see cref="None"/> ignores everything.</summary>
public sealed class DelegateAnalysisObserver(Action<AnalysisMeasurement> onMeasurement) : IAnalysisObserver
{
    public static IAnalysisObserver None { get; } = new DelegateAnalysisObserver(_ => { });

    public void OnMeasurement(AnalysisMeasurement measurement) => onMeasurement(measurement);
}

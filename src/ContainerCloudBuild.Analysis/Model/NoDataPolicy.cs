namespace ContainerCloudBuild.Analysis;

/// <summary>
/// What a measurement with no data (empty result, NaN) means. It is never a success by accident:
/// <see cref="Fail"/> (default) counts it as a failed measurement, <see cref="Pause"/> stops the analysis as
/// Inconclusive so a human promotes or aborts, <see cref="Pass"/> is an explicit opt-in that lets it through.
/// </summary>
public enum NoDataPolicy { Fail = 0, Pause = 1, Pass = 2 }

using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.Engine.Execution;

/// <summary>How the executor runs a plan.</summary>
public sealed record ExecutionOptions
{
    public required BuildConsole Console { get; init; }

    /// <summary>How many targets may run at once; 1 runs them one after another.</summary>
    public int MaxParallelism { get; init; } = 1;

    /// <summary>Run targets even when they are up to date.</summary>
    public bool Force { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    public ICiHost CiHost { get; init; } = new LocalHost();

    /// <summary>Up-to-date state; null disables the check.</summary>
    public UpToDateCheck? UpToDate { get; init; }
}

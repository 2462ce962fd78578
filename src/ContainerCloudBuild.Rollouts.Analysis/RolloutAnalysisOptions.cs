using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Events;
using ContainerCloudBuild.Analysis.Providers.Logs;
using ContainerCloudBuild.Rollouts.Analysis.Templates;

namespace ContainerCloudBuild.Rollouts.Analysis;

/// <summary>How a <see cref="RolloutAnalysisRunner"/> prints, reads the candidate's logs and ships measurements.</summary>
public sealed record RolloutAnalysisOptions
{
    /// <summary>Where measurements and the candidate's log lines are printed as they happen (e.g. <c>Console.WriteLine</c>).</summary>
    public Action<string>? Output { get; init; }

    /// <summary>The logs of a candidate revision of an app (e.g. <c>DockerContainerLogSource.ForRevision</c>); null disables log metrics and streaming.</summary>
    public Func<string, RevisionInfo, ILogSource>? CandidateLogs { get; init; }

    /// <summary>Ships every measurement as an "analysis.measurement" event and the outcome as "analysis.result".</summary>
    public EventShipper? Events { get; init; }

    /// <summary>Told about every measurement as it happens (besides <see cref="Output"/>).</summary>
    public Action<AnalysisMeasurement>? OnMeasurement { get; init; }

    /// <summary>Settings of the built-in "haproxy-canary" template.</summary>
    public HaproxyCanaryOptions HaproxyCanary { get; init; } = new();

    /// <summary>Settings of the built-in cluster router templates "nginx-canary" and "openshift-router-canary".</summary>
    public HaproxyCanaryOptions RouterCanary { get; init; } = new();

    public TimeSpan LogPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Log lines kept for (and quoted in) failure messages.</summary>
    public int LastLogLines { get; init; } = 10;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

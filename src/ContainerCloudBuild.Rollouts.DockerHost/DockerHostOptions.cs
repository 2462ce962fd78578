using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCloudBuild.Rollouts.DockerHost;

/// <summary>Where one Docker host keeps its rollout state and how to reach its engine and HAProxy.</summary>
public sealed record DockerHostOptions
{
    /// <summary>State files, lock files, command files and the event record (<c>events.jsonl</c>) live here.</summary>
    public required string StateDirectory { get; init; }
    public Uri DockerEndpoint { get; init; } = new("unix:///var/run/docker.sock");
    /// <summary>HAProxy's admin runtime socket; defaults to the one <see cref="Stack.LocalStack"/> configures.</summary>
    public string? HaproxySocketPath { get; init; }
    /// <summary>
    /// Where HAProxy reads its backends at start (<see cref="Haproxy.HaproxyBackendFiles"/>, as <see cref="Stack.LocalStack"/> runs it):
    /// the router writes every change there too. Null: changes live in HAProxy's memory only.
    /// </summary>
    public string? HaproxyBackendsDirectory { get; init; }
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
    /// <summary>Extra sink for rollout events (e.g. the console); events also go to the logger and <c>events.jsonl</c>.</summary>
    public IRolloutEvents? Events { get; init; }

    /// <summary>Applied to every event message before any sink (log, <c>events.jsonl</c>, <see cref="Events"/>) sees it, e.g. a secret masker.</summary>
    public Func<string, string>? Redact { get; init; }
    public IAnalysisRunner? Analysis { get; init; }

    /// <summary>
    /// True (default) when <see cref="Analysis"/> prints every measurement as it happens (as <c>RolloutAnalysisRunner</c> with an
    /// <c>Output</c> does): the Measurement events then go to the logger at Debug level only, so each measurement is printed once;
    /// they stay in <c>events.jsonl</c>, <see cref="Events"/> and the state's last analysis.
    /// </summary>
    public bool AnalysisPrintsMeasurements { get; init; } = true;
    /// <summary>Hooks at PreRollout/PrePromotion/PostPromotion/OnAbort/OnComplete (e.g. <c>RolloutHooks</c> from Rollouts.Analysis).</summary>
    public IRolloutHooks? Hooks { get; init; }
    public RolloutControllerOptions Controller { get; init; } = new();

    /// <summary>Shows the long waits of a rollout (a live line in a terminal, periodic lines in CI); nothing when null.</summary>
    public IWaitProgress? Progress { get; init; }

    public string ResolvedHaproxySocketPath => HaproxySocketPath ?? Path.Combine(StateDirectory, "haproxy", "haproxy.sock");
}

using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Prometheus.Pushgateway;
using ContainerCloudBuild.Rollouts;

namespace ContainerCloudBuild.Metrics;

/// <summary>
/// Pushes a run's metrics to a Prometheus Pushgateway: duration and outcome per target, the build's
/// exit code, and the outcome of every rollout the run recorded (a typed <see cref="RolloutOutcome"/>).
/// </summary>
public static class BuildMetricsPublisher
{
    /// <summary>The environment variable that turns publishing on: the Pushgateway's base URL.</summary>
    public const string PushgatewayVariable = "PUSHGATEWAY_URL";

    public static IReadOnlyList<PushMetric> MetricsOf(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var metrics = new List<PushMetric>();
        foreach (var target in record.Targets.Where(t => t.Outcome is TargetOutcome.Succeeded or TargetOutcome.Failed or TargetOutcome.Cancelled))
            metrics.AddRange(BuildMetrics.Target(target.Name, TimeSpan.FromMilliseconds(target.DurationMs), target.Outcome == TargetOutcome.Succeeded));
        metrics.Add(new PushMetric("ccb_build_exit_code", record.ExitCode, new Dictionary<string, string>()) { Help = "Exit code of the last build run." });
        foreach (var outcome in record.PayloadsOf<RolloutOutcome>())
            metrics.AddRange(BuildMetrics.Rollout(outcome.App, outcome.Revision, outcome.Phase.ToString(), outcome.Succeeded));

        return metrics;
    }

    public static async Task PublishAsync(Uri pushgateway, RunRecord record, BuildConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(console);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var metrics = MetricsOf(record);
        await new PushgatewayClient(http, pushgateway)
            .PushAsync("ccb_build", new Dictionary<string, string> { ["build"] = record.Build }, metrics, cancellationToken)
            .ConfigureAwait(false);
        console.Info($"Pushed {metrics.Count} build metric(s) to {pushgateway}.");
    }
}

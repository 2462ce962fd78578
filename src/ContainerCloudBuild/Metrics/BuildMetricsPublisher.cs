using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Prometheus.Pushgateway;

namespace ContainerCloudBuild.Metrics;

/// <summary>
/// Pushes a run's metrics to a Prometheus Pushgateway: duration and outcome per target, the build's
/// exit code, and the result of every rollout the run recorded as a <c>rollout.result</c> event.
/// </summary>
public static class BuildMetricsPublisher
{
    /// <summary>The environment variable that turns publishing on: the Pushgateway's base URL.</summary>
    public const string PushgatewayVariable = "PUSHGATEWAY_URL";

    public const string RolloutResultKind = "rollout.result";

    public static IReadOnlyList<PushMetric> MetricsOf(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var metrics = new List<PushMetric>();
        foreach (var target in record.Targets.Where(t => t.Outcome is TargetOutcome.Succeeded or TargetOutcome.Failed or TargetOutcome.Cancelled))
            metrics.AddRange(BuildMetrics.Target(target.Name, TimeSpan.FromMilliseconds(target.DurationMs), target.Outcome == TargetOutcome.Succeeded));
        metrics.Add(new PushMetric("ccb_build_exit_code", record.ExitCode, new Dictionary<string, string>()) { Help = "Exit code of the last build run." });
        foreach (var e in record.Events.Where(e => e.Kind == RolloutResultKind && e.Data is not null))
        {
            var result = e.Data!.GetValueOrDefault("result", "unknown");
            metrics.AddRange(BuildMetrics.Rollout(e.Data!.GetValueOrDefault("app", "?"), e.Data!.GetValueOrDefault("revision", "?"), result, result == "Completed"));
        }

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

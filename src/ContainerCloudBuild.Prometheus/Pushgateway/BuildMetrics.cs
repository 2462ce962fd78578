namespace ContainerCloudBuild.Prometheus.Pushgateway;

/// <summary>The build metrics we push: per-target duration and outcome, and the rollout result.</summary>
public static class BuildMetrics
{
    /// <summary><c>ccb_target_duration_seconds{target}</c> and <c>ccb_target_success{target}</c> (1 or 0).</summary>
    public static IReadOnlyList<PushMetric> Target(string target, TimeSpan duration, bool succeeded)
    {
        var labels = new Dictionary<string, string> { ["target"] = target };
        return
        [
            new("ccb_target_duration_seconds", duration.TotalSeconds, labels) { Help = "Duration of a build target in seconds." },
            new("ccb_target_success", succeeded ? 1 : 0, labels) { Help = "1 when the build target succeeded, 0 when it failed." },
        ];
    }

    /// <summary><c>ccb_rollout_success{app,revision,result}</c>: 1 for a promoted rollout, 0 otherwise; the result label says which.</summary>
    public static IReadOnlyList<PushMetric> Rollout(string app, string revision, string result, bool succeeded) =>
    [
        new("ccb_rollout_success", succeeded ? 1 : 0, new Dictionary<string, string> { ["app"] = app, ["revision"] = revision, ["result"] = result })
        {
            Help = "1 when the rollout completed (promoted), 0 when it was aborted or rolled back.",
        },
    ];
}

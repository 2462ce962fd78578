using System.Globalization;

namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>The one wording of a rollout wait, for the live line and the periodic lines alike.</summary>
public static class WaitProgressText
{
    /// <summary>
    /// e.g. <c>hello: waiting for analysis 'haproxy-canary' of v2: 6 s of 8 s left</c>, or <c>... : 12 s so far</c> without a limit;
    /// a <paramref name="detail"/> follows what is waited for: <c>hello: waiting for health gate of v2 (GET /healthz), 1/2 replicas ready: 28 s of 30 s left</c>.
    /// </summary>
    public static string Format(string app, string what, TimeSpan? total, TimeSpan elapsed, string? detail = null)
    {
        var head = $"{app}: waiting for {what}{(detail is null ? "" : ", " + detail)}";
        if (total is not { } limit)
            return $"{head}: {Seconds(elapsed)} so far";
        var left = limit - elapsed;
        return $"{head}: {Seconds(left < TimeSpan.Zero ? TimeSpan.Zero : left, ceiling: true)} of {Seconds(limit, ceiling: true)} left";
    }

    private static string Seconds(TimeSpan span, bool ceiling = false)
    {
        var seconds = ceiling ? Math.Ceiling(span.TotalSeconds - 0.0005) : Math.Floor(span.TotalSeconds);
        return seconds.ToString("0", CultureInfo.InvariantCulture) + " s";
    }
}

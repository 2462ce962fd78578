namespace ContainerCloudBuild.Rollouts.Testing;

public static class Until
{
    /// <summary>Polls <paramref name="condition"/> every 20 ms; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
                Assert.Fail($"Condition not met within {timeout.TotalSeconds:0}s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>The xunit collection (by name) of real-stack tests in every rollout test project.</summary>
public static class RealStackCollection
{
    /// <summary>Real-stack tests run one at a time: they share two CPU cores and measure latency.</summary>
    public const string Name = "real rollout stack";
}

public static class LoadAssert
{
    /// <summary>Fails listing the first failed requests (status, error, when) if any request failed.</summary>
    public static void NoFailures(IReadOnlyList<Sample> samples) =>
        NoFailuresExceptInFlightDuring(samples, double.PositiveInfinity, double.NegativeInfinity); // an empty interval excuses none

    /// <summary>
    /// Fails listing the first of them if any request failed that was not in flight between <paramref name="fromMs"/> and
    /// <paramref name="toMs"/> (e.g. while a server was killed: a response it was writing at that moment cannot be saved by any
    /// router); an empty interval (<paramref name="fromMs"/> after <paramref name="toMs"/>) excuses none.
    /// Returns how many failed in that interval.
    /// </summary>
    public static int NoFailuresExceptInFlightDuring(IReadOnlyList<Sample> samples, double fromMs, double toMs)
    {
        var failed = samples.Where(s => s.Failed).ToList();
        var outside = failed.Where(f => f.StartMs > toMs || f.EndMs < fromMs).ToList();
        var excused = fromMs <= toMs ? $" that were not in flight during {fromMs:0}-{toMs:0} ms" : "";
        Assert.True(outside.Count == 0,
            $"{outside.Count} of {samples.Count} requests failed{excused}, e.g. " + Describe(outside));
        return failed.Count;
    }

    private static string Describe(IEnumerable<Sample> failed) =>
        string.Join("; ", failed.Take(5).Select(f => $"@{f.StartMs:0}-{f.EndMs:0}ms status {f.Status} {f.Error}"));
}

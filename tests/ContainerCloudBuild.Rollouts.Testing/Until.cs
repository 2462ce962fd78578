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
    public static void NoFailures(IReadOnlyList<Sample> samples)
    {
        var failed = samples.Where(s => s.Failed).ToList();
        Assert.True(failed.Count == 0,
            $"{failed.Count} of {samples.Count} requests failed, e.g. " + string.Join("; ", failed.Take(5).Select(f => $"@{f.StartMs:0}ms status {f.Status} {f.Error}")));
    }
}

using ContainerCloudBuild.Rollouts.Testing;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>
/// What a load run saw after an event at <c>eventMs</c>: how long the service failed (from the event to the first
/// success after the last failure), and the answers once it was back.
/// </summary>
public sealed record Outage(double DownMs, int Failed, IReadOnlyList<Sample> After)
{
    public static Outage Measure(IReadOnlyList<Sample> samples, double eventMs)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var since = samples.Where(s => s.StartMs >= eventMs).OrderBy(s => s.StartMs).ToList();
        var failures = since.Where(s => s.Failed).ToList();
        if (failures.Count == 0)
            return new Outage(0, 0, since);
        var lastFailed = failures.Max(s => s.StartMs);
        var back = since.FirstOrDefault(s => !s.Failed && s.StartMs > lastFailed)
            ?? throw new InvalidOperationException($"the service never answered again after the event ({failures.Count} failures, the last at {lastFailed - eventMs:0} ms)");
        return new Outage(back.StartMs - eventMs, failures.Count, [.. since.Where(s => s.StartMs >= back.StartMs)]);
    }

    public int FromRevision(string body) => After.Count(s => s.Body == body);
}

using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>A stretch of the run: nothing rolling out (<c>steady</c>) or one rollout plus its tail (<c>blue-green</c>, <c>canary</c>).</summary>
sealed record LatencyWindow(string Kind, int Cycle, DateTimeOffset Start, DateTimeOffset End, TimeSpan PipelineCpu)
{
    public bool Contains(LatencySample s) => s.SentUnixMs >= Start.ToUnixTimeMilliseconds() && s.SentUnixMs < End.ToUnixTimeMilliseconds();
}

/// <summary>p50/p99/max per kind of window, the rollout/steady p99 ratio, and where the slow requests fell relative to rollout events.</summary>
static class LatencyReport
{

    public static string Markdown(IReadOnlyList<LatencySample> samples, IReadOnlyList<LatencyWindow> windows, IReadOnlyList<RunEvent> events, IReadOnlyList<ThrottleEvent> throttles, double slowMs)
    {
        var text = new StringBuilder();
        var byKind = windows.Select(w => w.Kind).Distinct().ToDictionary(k => k, k => samples.Where(s => windows.Any(w => w.Kind == k && w.Contains(s))).ToList());
        var steadyP99 = Percentile(byKind.First(k => k.Key.StartsWith("steady", StringComparison.Ordinal)).Value, 0.99); // the first cycle's kind of steady window
        text.AppendLine("| window | requests | failed | p50 (ms) | p99 (ms) | max (ms) | > 20 ms | p99 / steady p99 | CPU-throttled periods (ms) |");
        text.AppendLine("|--------|---------:|-------:|---------:|---------:|---------:|--------:|-----------------:|---------------------------:|");
        foreach (var (kind, list) in byKind)
        {
            var p99 = Percentile(list, 0.99);
            text.AppendLine(Invariant($"| {kind} | {list.Count} | {list.Count(s => s.Failed)} | {Percentile(list, 0.5):0.00} | {p99:0.00} | {Max(list):0.00} | {list.Count(s => s.LatencyMs > 20)} | {p99 / steadyP99:0.00}x | {Throttled(throttles, windows.Where(w => w.Kind == kind))} |"));
        }
        text.AppendLine();
        text.AppendLine("Per window (p99 / max ms):");
        foreach (var window in windows)
        {
            var list = samples.Where(window.Contains).ToList();
            text.AppendLine(Invariant($"- cycle {window.Cycle} {window.Kind}: {list.Count} requests, p99 {Percentile(list, 0.99):0.00}, max {Max(list):0.00}, > {slowMs:0} ms: {list.Count(s => s.LatencyMs > slowMs)}, CPU-throttled periods (ms): {Throttled(throttles, [window])}, pipeline process CPU {window.PipelineCpu.TotalMilliseconds / (window.End - window.Start).TotalMilliseconds * 100:0}% of a core"));
        }
        text.AppendLine();
        text.AppendLine("Canary windows, while both revisions answer: the candidate against the stable revision over the same seconds (same machine load):");
        foreach (var window in windows.Where(w => w.Kind.StartsWith("canary", StringComparison.Ordinal)))
        {
            var list = samples.Where(window.Contains).Where(s => !s.Failed).ToList();
            if (list.Count == 0)
                continue;
            var candidate = list[^1].Body;
            var mixedFrom = list.First(s => s.Body == candidate).SentUnixMs;
            var mixedTo = list.Last(s => s.Body != candidate).SentUnixMs;
            var mixed = list.Where(s => s.SentUnixMs >= mixedFrom && s.SentUnixMs <= mixedTo).ToList();
            var (fresh, stable) = (mixed.Where(s => s.Body == candidate).ToList(), mixed.Where(s => s.Body != candidate).ToList());
            text.AppendLine(Invariant($"- cycle {window.Cycle} {window.Kind}: candidate {fresh.Count} requests p50 {Percentile(fresh, 0.5):0.00} p99 {Percentile(fresh, 0.99):0.00} max {Max(fresh):0.00} ms; stable {stable.Count} requests p50 {Percentile(stable, 0.5):0.00} p99 {Percentile(stable, 0.99):0.00} max {Max(stable):0.00} ms"));
        }
        var slow = samples.Where(s => s.LatencyMs > slowMs && windows.Any(w => w.Contains(s))).ToList();
        text.AppendLine();
        text.AppendLine(Invariant($"Requests slower than {slowMs:0} ms by the last event before them (window kind / last rollout event):"));
        foreach (var group in slow.GroupBy(s => $"{KindOf(s, windows)} / {LastEvent(s, events)?.Kind ?? "(none)"}").OrderByDescending(g => g.Count()))
            text.AppendLine(Invariant($"- {group.Key}: {group.Count()} (max {group.Max(s => s.LatencyMs):0.0} ms)"));
        text.AppendLine();
        text.AppendLine("CPU-throttled periods of the app's containers by the last rollout event before them:");
        foreach (var group in throttles.Where(t => windows.Any(w => t.AtUnixMs >= w.Start.ToUnixTimeMilliseconds() && t.AtUnixMs < w.End.ToUnixTimeMilliseconds()))
                     .GroupBy(t => LastEventAt(t.AtUnixMs, events)?.Kind ?? "(none)").OrderByDescending(g => g.Sum(t => t.ThrottledMs)))
            text.AppendLine(Invariant($"- {group.Key}: {group.Sum(t => t.Periods)} periods, {group.Sum(t => t.ThrottledMs):0} ms waited"));
        text.AppendLine();
        text.AppendLine("Slowest 15 (sent at, latency, concurrent slow requests within 50 ms, last event and how long before):");
        foreach (var s in slow.OrderByDescending(s => s.LatencyMs).Take(15))
        {
            var last = LastEvent(s, events);
            var together = slow.Count(o => Math.Abs(o.SentUnixMs - s.SentUnixMs) < 50);
            var since = last is null ? "" : Invariant($"{s.SentUnixMs - last.At.ToUnixTimeMilliseconds():0} ms after {last.Kind}");
            var throttled = throttles.Where(t => t.AtUnixMs >= s.SentUnixMs - 100 && t.AtUnixMs <= s.SentUnixMs + s.LatencyMs + 100).Select(t => t.Container).Distinct().ToList();
            var cpu = throttled.Count == 0 ? "no CPU throttling seen" : "CPU-throttled: " + string.Join(", ", throttled);
            text.AppendLine(Invariant($"- {DateTimeOffset.FromUnixTimeMilliseconds((long)s.SentUnixMs):HH:mm:ss.fff} {KindOf(s, windows)}: {s.LatencyMs:0.0} ms, {together} together, {since}; {cpu}"));
        }
        return text.ToString();
    }

    private static string Throttled(IReadOnlyList<ThrottleEvent> throttles, IEnumerable<LatencyWindow> windows)
    {
        var inside = throttles.Where(t => windows.Any(w => t.AtUnixMs >= w.Start.ToUnixTimeMilliseconds() && t.AtUnixMs < w.End.ToUnixTimeMilliseconds() + 100)).ToList();
        return Invariant($"{inside.Sum(t => t.Periods)} ({inside.Sum(t => t.ThrottledMs):0})");
    }

    private static RunEvent? LastEvent(LatencySample s, IReadOnlyList<RunEvent> events) => LastEventAt(s.SentUnixMs, events);

    private static RunEvent? LastEventAt(double unixMs, IReadOnlyList<RunEvent> events) =>
        events.LastOrDefault(e => e.Kind.StartsWith("rollout.", StringComparison.Ordinal) && e.Kind != "rollout.result" && e.At.ToUnixTimeMilliseconds() <= unixMs);

    private static string KindOf(LatencySample s, IReadOnlyList<LatencyWindow> windows) => windows.First(w => w.Contains(s)).Kind;

    public static double Percentile(IReadOnlyList<LatencySample> list, double p)
    {
        if (list.Count == 0)
            return double.NaN;
        var sorted = list.Select(s => s.LatencyMs).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static double Max(IReadOnlyList<LatencySample> list) => list.Count == 0 ? double.NaN : list.Max(s => s.LatencyMs);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

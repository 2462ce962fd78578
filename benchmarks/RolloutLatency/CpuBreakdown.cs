using System.Globalization;
using System.Text;
using ContainerCloudBuild.Engine.Output;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>One reading of <see cref="CpuTimeSampler"/>: a container, process or the machine's cumulative CPU time at a moment.</summary>
sealed record CpuReading(double UnixMs, string Key, string Label, long Usec)
{
    public static CpuReading FromCsv(string line)
    {
        var f = line.Split(',');
        return new CpuReading(double.Parse(f[0], CultureInfo.InvariantCulture), f[1], f[2], long.Parse(f[3], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// CPU milliseconds per component in each rollout window against the steady window just before it (same cycle, same
/// machine load): what the rollout adds = rollout CPU − steady rate × rollout duration. Components: the candidate's
/// containers (started inside the window), the revision serving before it, the stack's other containers, dockerd,
/// containerd, the shims (with the runc they ran), the pipeline and load processes, and the rest of the machine.
/// </summary>
static class CpuBreakdown
{
    public static string Markdown(IReadOnlyList<CpuReading> readings, IReadOnlyList<LatencyWindow> windows, IReadOnlyList<RunEvent> events)
    {
        var series = readings.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.OrderBy(r => r.UnixMs).ToList());
        var text = new StringBuilder();
        text.AppendLine("CPU time by component, Deploy call → result + tail, against the steady window before it (ms; added = rollout − steady rate × rollout duration):");
        text.AppendLine();
        var pairs = windows.Select((w, i) => (Rollout: w, Steady: i > 0 ? windows[i - 1] : null))
            .Where(p => !p.Rollout.Kind.StartsWith("steady", StringComparison.Ordinal) && p.Steady is not null).ToList();
        foreach (var kind in pairs.Select(p => p.Rollout.Kind).Distinct())
        {
            var ofKind = pairs.Where(p => p.Rollout.Kind == kind).ToList();
            var rolloutSeconds = ofKind.Sum(p => (p.Rollout.End - p.Rollout.Start).TotalSeconds);
            var rollout = Sum(ofKind.Select(p => Components(series, p.Rollout)));
            var steadyRate = Sum(ofKind.Select(p => Components(series, p.Steady!).ToDictionary(c => c.Key, c => c.Value / (p.Steady!.End - p.Steady.Start).TotalSeconds * (p.Rollout.End - p.Rollout.Start).TotalSeconds)));
            var added = rollout.Keys.Union(steadyRate.Keys).ToDictionary(k => k, k => rollout.GetValueOrDefault(k) - steadyRate.GetValueOrDefault(k));
            var addedTotal = added.Where(a => !NotInShare(a.Key)).Sum(a => Math.Max(0, a.Value));
            text.AppendLine(Invariant($"**{kind}** ({ofKind.Count} window(s), {rolloutSeconds:0.0} s):"));
            text.AppendLine();
            text.AppendLine("| component | steady (ms/s) | rollout (ms) | at steady rate (ms) | added (ms) | share of added (engine, pipeline, app) |");
            text.AppendLine("|-----------|--------------:|-------------:|--------------------:|-----------:|---------------:|");
            foreach (var (component, value) in added.OrderByDescending(a => a.Key == Machine ? double.MinValue : a.Value))
            {
                var share = NotInShare(component) || value <= 0 ? "" : Invariant($"{value / addedTotal * 100:0} %");
                text.AppendLine(Invariant($"| {component} | {steadyRate.GetValueOrDefault(component) / rolloutSeconds:0.0} | {rollout.GetValueOrDefault(component):0} | {steadyRate.GetValueOrDefault(component):0} | {value:+0;-0;0} | {share} |"));
            }
            text.AppendLine();
            var beforeTraffic = ofKind.Select(p => CandidateCpuUntilHealthy(series, p.Rollout, events)).OfType<double>().ToList();
            if (beforeTraffic.Count > 0)
                text.AppendLine(Invariant($"Candidate containers' CPU from start to `Healthy` (start-up, health checks, warm-up; before any user traffic), per rollout: {string.Join(", ", beforeTraffic.Select(ms => $"{ms:0}"))} ms (readings every 250 ms: up to 250 ms early)"));
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The app's own start-up cost, free of the traffic it serves: its containers started in the window, up to the Healthy event.</summary>
    private static double? CandidateCpuUntilHealthy(Dictionary<string, List<CpuReading>> series, LatencyWindow window, IReadOnlyList<RunEvent> events)
    {
        var (start, end) = (window.Start.ToUnixTimeMilliseconds(), window.End.ToUnixTimeMilliseconds());
        if (events.FirstOrDefault(e => e.Kind == "rollout.Healthy" && e.At.ToUnixTimeMilliseconds() >= start && e.At.ToUnixTimeMilliseconds() < end) is not { } healthy)
            return null;
        var at = healthy.At.ToUnixTimeMilliseconds();
        return series.Values.Where(l => l[0].Label.StartsWith("app:", StringComparison.Ordinal) && l[0].UnixMs > start && l[0].UnixMs <= at)
            .Sum(l => l.Last(r => r.UnixMs <= at).Usec / 1000.0);
    }

    /// <summary>Rows left out of the share: the whole and the rest of the machine, the load, and the two parts of the app's sum.</summary>
    private static bool NotInShare(string component) =>
        component is Machine or "rest of the machine (other work)" or "load process" or "candidate containers" or "containers serving before";

    private const string Machine = "whole machine (all CPUs)";
    private const string AppContainers = "= all the app's containers (candidate + serving before)";

    private static Dictionary<string, double> Components(Dictionary<string, List<CpuReading>> series, LatencyWindow window)
    {
        var (start, end) = (window.Start.ToUnixTimeMilliseconds(), window.End.ToUnixTimeMilliseconds());
        var result = new Dictionary<string, double>();
        foreach (var (key, list) in series)
        {
            var atStart = list.LastOrDefault(r => r.UnixMs <= start);
            var atEnd = list.LastOrDefault(r => r.UnixMs <= end);
            if (atEnd is null || (atStart is null && list[0].UnixMs > end))
                continue;
            var ms = (atEnd.Usec - (atStart?.Usec ?? 0)) / 1000.0;
            var component = Component(list[0], atStart is null);
            result[component] = result.GetValueOrDefault(component) + ms;
        }
        var listed = result.Where(r => r.Key != Machine).Sum(r => r.Value);
        result["rest of the machine (other work)"] = result.GetValueOrDefault(Machine) - listed;
        // traffic moves from the serving containers to the candidate's: their sum is what the new revision costs
        result[AppContainers] = result.GetValueOrDefault("candidate containers") + result.GetValueOrDefault("containers serving before");
        return result;
    }

    private static string Component(CpuReading first, bool startedInWindow) => first switch
    {
        { Key: "total" } => Machine,
        { Label: var l } when l.StartsWith("app:", StringComparison.Ordinal) => startedInWindow ? "candidate containers" : "containers serving before",
        { Label: var l } when l.StartsWith("container:ccb-stack-", StringComparison.Ordinal) => l["container:ccb-stack-".Length..].Split('-')[0] + " container",
        { Label: var l } when l.StartsWith("container:", StringComparison.Ordinal) => "other containers",
        { Label: "containerd-shim" } => "containerd-shim",
        { Label: "runc" } => "runc (sampled while alive: a lower bound)",
        { Label: var l } => l switch { "pipeline" => "pipeline (benchmark process)", "load" => "load process", _ => l },
    };

    private static Dictionary<string, double> Sum(IEnumerable<Dictionary<string, double>> parts)
    {
        var sum = new Dictionary<string, double>();
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
                sum[key] = sum.GetValueOrDefault(key) + value;
        }
        return sum;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

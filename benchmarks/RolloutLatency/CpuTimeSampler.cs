using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>
/// The CPU-time sampler, in a process of its own (so its reads of /proc and the cgroup tree do not count as the pipeline's
/// CPU): every <c>intervalMs</c> until stdin closes, the cumulative CPU time of every Docker container (cgroup v1
/// <c>cpuacct/docker/&lt;id&gt;/cpuacct.usage</c> or v2 <c>system.slice/docker-&lt;id&gt;.scope/cpu.stat usage_usec</c>), of the
/// engine's processes (dockerd, containerd, containerd-shim, docker-proxy, runc while it lives: utime + stime, their own
/// time only — a shim reaps its container's process, so its children's time would count the container again), of the pipeline and load processes (by pid) and of the whole machine (/proc/stat). Containers are named from
/// the engine's own <c>config.v2.json</c>, not through its API, so sampling adds no work to dockerd.
/// Output CSV: <c>unixMs,key,label,cumulativeMicroseconds</c>; a key is a container id, <c>pid:N</c> or <c>total</c>.
/// </summary>
static class CpuTimeSampler
{
    private static readonly string[] EngineProcesses = ["dockerd", "containerd-shim", "containerd", "docker-proxy", "runc"];

    public static int Run(string outputFile, int pipelinePid, int loadPid, int intervalMs)
    {
        var labels = new Dictionary<string, string>();
        var text = new StringBuilder();
        var stop = new ManualResetEventSlim();
        var reader = new Thread(() => { Console.In.ReadToEnd(); stop.Set(); }) { IsBackground = true };
        reader.Start();
        do
        {
            var at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            foreach (var (key, label, usec) in Sample(labels, pipelinePid, loadPid))
                text.Append(CultureInfo.InvariantCulture, $"{at},{key},{label},{usec}\n");
        }
        while (!stop.Wait(intervalMs));
        File.WriteAllText(outputFile, text.ToString());
        return 0;
    }

    private static IEnumerable<(string Key, string Label, long Usec)> Sample(Dictionary<string, string> labels, int pipelinePid, int loadPid)
    {
        yield return ("total", "machine", MachineBusyUsec());
        foreach (var (id, usec) in Containers())
        {
            if (!labels.TryGetValue(id, out var label))
                labels[id] = label = ContainerLabel(id);
            yield return (id, label, usec);
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ProcessCpu(pid) is not var (comm, usec))
                continue;
            if (comm.StartsWith("runc:[", StringComparison.Ordinal))
                continue; // runc's init stages run inside the container's cgroup: counted there
            var label = pid == pipelinePid ? "pipeline" : pid == loadPid ? "load" : EngineProcesses.FirstOrDefault(comm.StartsWith);
            if (label is not null)
                yield return ($"pid:{pid}", label, usec);
        }
    }

    private static IEnumerable<(string Id, long Usec)> Containers()
    {
        const string v1 = "/sys/fs/cgroup/cpuacct/docker", v2 = "/sys/fs/cgroup/system.slice";
        if (Directory.Exists(v1))
        {
            foreach (var dir in Directory.EnumerateDirectories(v1))
            {
                if (TryRead(Path.Combine(dir, "cpuacct.usage")) is { } ns)
                    yield return (Path.GetFileName(dir), long.Parse(ns.Trim(), CultureInfo.InvariantCulture) / 1000);
            }
        }
        else if (Directory.Exists(v2))
        {
            foreach (var dir in Directory.EnumerateDirectories(v2, "docker-*.scope"))
            {
                if (TryRead(Path.Combine(dir, "cpu.stat"))?.Split('\n').FirstOrDefault(l => l.StartsWith("usage_usec ", StringComparison.Ordinal)) is { } line)
                    yield return (Path.GetFileName(dir)["docker-".Length..^".scope".Length], long.Parse(line[11..], CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary><c>app:&lt;name&gt;</c> for a rollout's container (it has the app label), else <c>container:&lt;name&gt;</c>.</summary>
    private static string ContainerLabel(string id)
    {
        try
        {
            using var config = JsonDocument.Parse(File.ReadAllText($"/var/lib/docker/containers/{id}/config.v2.json"));
            var name = config.RootElement.GetProperty("Name").GetString()?.TrimStart('/') ?? id[..12];
            var isApp = config.RootElement.GetProperty("Config").TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object
                && l.TryGetProperty("ccb.rollout.app", out _);
            return (isApp ? "app:" : "container:") + name.Replace(',', ';');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException)
        {
            return "container:" + id[..12];
        }
    }

    /// <summary>comm and utime + stime of a process (USER_HZ = 100 ticks per second).</summary>
    private static (string Comm, long Usec)? ProcessCpu(int pid)
    {
        if (TryRead($"/proc/{pid}/stat") is not { } stat)
            return null;
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is state (field 3); utime and stime are fields 14 and 15
        var ticks = fields[11..13].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
        return (stat[(open + 1)..close], ticks * 10_000);
    }

    private static long MachineBusyUsec()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(cpu[i], CultureInfo.InvariantCulture));
        return busy * 10_000;
    }

    private static string? TryRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }
}

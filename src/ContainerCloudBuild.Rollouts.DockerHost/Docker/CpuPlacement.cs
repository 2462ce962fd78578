using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

/// <summary>A running replica pinned to cores: its cpuset (e.g. <c>1</c> or <c>0,1</c>) and its CPU limit in cores.</summary>
public readonly record struct PinnedReplica(string CpuSet, double Cpus)
{
    /// <summary>
    /// The pinning a container's labels record (<see cref="DockerLabels.CpuSet"/>, <see cref="DockerLabels.CpuLimit"/>), or null
    /// when it carries no cpuset. A missing or unreadable limit counts as one core.
    /// </summary>
    public static PinnedReplica? FromLabels(IDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!labels.TryGetValue(DockerLabels.CpuSet, out var cpuSet))
            return null;
        var cpus = labels.TryGetValue(DockerLabels.CpuLimit, out var limit)
            && double.TryParse(limit, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        return new PinnedReplica(cpuSet, cpus);
    }
}

/// <summary>
/// Which cores a new revision's replicas are pinned to (see <see cref="WorkloadSpec.PinToCores"/>). A revision needs
/// ⌈replicas × limit⌉ cores; it gets the ones the running pinned replicas load least (their limit spread over their cores),
/// lowest index first on a tie. A replica of at most one core is pinned to one of them (round robin), so its threads share one
/// run queue and its quota is not split in per-core slices; a larger replica gets all of them. When the revision needs every
/// core of the host, or has no limit, nothing is pinned.
/// </summary>
public static class CpuPlacement
{
    /// <summary>One cpuset per replica (index order), or nulls when the revision is not pinned.</summary>
    public static IReadOnlyList<string?> Choose(int hostCores, double? cpusPerReplica, int replicas, IEnumerable<PinnedReplica> running)
    {
        ArgumentNullException.ThrowIfNull(running);
        replicas = Math.Max(1, replicas);
        if (cpusPerReplica is not (> 0 and var cpus) || double.IsInfinity(cpus) || hostCores < 2)
            return new string?[replicas];
        var needed = (int)Math.Ceiling(Math.Round(replicas * cpus, 6));
        if (needed >= hostCores)
            return new string?[replicas];

        var load = new double[hostCores];
        foreach (var replica in running)
        {
            var cores = Parse(replica.CpuSet).Where(c => c < hostCores).ToList();
            foreach (var core in cores)
                load[core] += replica.Cpus / cores.Count;
        }
        var chosen = Enumerable.Range(0, hostCores).OrderBy(c => Math.Round(load[c], 6)).ThenBy(c => c).Take(needed).Order().ToList();
        var all = Format(chosen);
        return [.. Enumerable.Range(0, replicas).Select(i => cpus <= 1 ? Format([chosen[i % chosen.Count]]) : all)];
    }

    /// <summary>The cores of a cpuset in Docker's notation (<c>0,2-3</c>); an unreadable part is skipped.</summary>
    public static IEnumerable<int> Parse(string cpuSet)
    {
        ArgumentNullException.ThrowIfNull(cpuSet);
        foreach (var part in cpuSet.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', 2);
            if (!int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
                continue;
            var last = first;
            if (range.Length == 2 && !int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out last))
                continue;
            for (var core = first; core <= last; core++)
                yield return core;
        }
    }

    private static string Format(IEnumerable<int> cores) => string.Join(',', cores.Select(c => c.ToString(CultureInfo.InvariantCulture)));
}

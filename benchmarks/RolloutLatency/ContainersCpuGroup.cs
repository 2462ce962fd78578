using System.Globalization;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>
/// The CPU weight of the cgroup every Docker container sits in (cgroup v1 <c>cpu/docker</c>: <c>cpu.shares</c>, 1024 by
/// default). Without systemd, each runnable thread of a process outside it (the pipeline, dockerd, the load) weighs as
/// much as that whole group: to measure whether the stalls come from the containers (app and router together) getting
/// a fraction of a core whenever the host's own threads are busy.
/// </summary>
static class ContainersCpuGroup
{
    public const long Default = 1024;
    private const string SharesFile = "/sys/fs/cgroup/cpu/docker/cpu.shares";

    public static void Set(long shares)
    {
        if (!File.Exists(SharesFile))
            throw new InvalidOperationException($"{SharesFile} does not exist: this host does not run Docker's containers under a cgroup v1 'docker' group (systemd or cgroup v2); --compare-containers-weight measures that layout only.");
        File.WriteAllText(SharesFile, shares.ToString(CultureInfo.InvariantCulture));
    }
}

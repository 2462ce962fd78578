using System.Runtime.InteropServices;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>
/// Sets the nice value of every thread of this process (the pipeline; Linux keeps nice per thread, and a new thread takes
/// its creator's): to measure how much of a rollout's stall is the pipeline's own CPU competing with the containers.
/// </summary>
static partial class PipelineNice
{
    private const int PrioProcess = 0;

    public static int Set(int nice)
    {
        var failed = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), out var tid) && SetPriority(PrioProcess, tid, nice) != 0)
                failed++;
        }
        return failed;
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int prio);
}

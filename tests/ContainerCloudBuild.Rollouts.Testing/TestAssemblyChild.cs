using System.Diagnostics;
using System.Reflection;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>
/// Starts a test assembly again as a child process (same runtime, same dependencies), its output in a log file, so a test
/// can kill an orchestrator mid-rollout exactly as a build's process would die. The assembly's entry point decides what
/// the arguments mean.
/// </summary>
public static class TestAssemblyChild
{
    public static Process Start(Assembly assembly, string logPath, params string[] arguments)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec dotnet exec \"$0\" \"$@\" >\"$CHILD_LOG\" 2>&1");
        info.ArgumentList.Add(assembly.Location);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        info.Environment["CHILD_LOG"] = logPath;
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {assembly.GetName().Name} as a child process.");
    }
}

using k8s;
using ContainerCloudBuild.Rollouts.Kubernetes.Tests.Support;

namespace ContainerCloudBuild.Rollouts.Kubernetes.Tests;

/// <summary>xunit's entry point, plus <c>--rollout-child</c>: a rollout, Status or Abort against the fake cluster as a separate process (the rollout is killed by tests).</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == RolloutChild.Verb)
            return RolloutChild.RunAsync(args[1..]).GetAwaiter().GetResult();
        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}

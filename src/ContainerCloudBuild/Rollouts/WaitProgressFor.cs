using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.CiHosts;

namespace ContainerCloudBuild.Rollouts.Hosting;

/// <summary>Chooses how a build shows rollout waits: a live line in a developer's terminal, plain periodic lines in CI or when redirected.</summary>
public static class WaitProgressFor
{
    public static readonly TimeSpan DefaultLineInterval = TimeSpan.FromSeconds(5);

    /// <param name="lineInterval">Time between plain progress lines (default 5 s).</param>
    public static IWaitProgress Build(BuildContext context, TimeSpan? lineInterval = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CiHost is LocalHost && context.Console.HasStatusLine
            ? new StatusLineWaitProgress(context.Console)
            : new PeriodicLinesWaitProgress(context.Console.Info, lineInterval ?? DefaultLineInterval);
    }
}

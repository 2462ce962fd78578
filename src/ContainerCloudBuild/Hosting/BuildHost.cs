using System.Runtime.InteropServices;
using ContainerCloudBuild.Engine;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Output;

namespace ContainerCloudBuild;

/// <summary>
/// Connects a build to the process: console routing (so every line is masked and attributed),
/// environment, root directory, and signals: the first Ctrl+C/SIGTERM cancels gracefully, the
/// second forces exit with code 130. Tools run in their own process groups (see <c>ToolCommand</c>),
/// so a terminal's Ctrl+C reaches only the build, which then stops each tool's whole group.
/// </summary>
public static class BuildHost
{
    public static async Task<int> RunAsync(object build, string[] args, string? defaultTarget)
    {
        ArgumentNullException.ThrowIfNull(build);
        var stdout = Console.Out;
        var stderr = Console.Error;
        using var graceful = new CancellationTokenSource();
        using var force = new CancellationTokenSource();
        var signals = 0;
        BuildConsole? console = null;

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (Interlocked.Increment(ref signals) == 1)
            {
                console?.Always($"{context.Signal} received: cancelling the build (cleanup targets still run). Press Ctrl+C again to force exit.");
                graceful.Cancel();
            }
            else
            {
                console?.Always($"{context.Signal} received again: forcing exit.");
                force.Cancel();
                Environment.Exit(BuildRunner.ExitCancelled);
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var root = RootLocator.Find(Environment.CurrentDirectory, AppContext.BaseDirectory);
        var settings = new BuildRunSettings
        {
            RootDirectory = root,
            // A terminal gets a live status line below the output (rollout waits); a file or pipe gets plain lines only.
            Output = TerminalStatusOutput.ForProcess(stdout, stderr),
            Environment = ReadEnvironment(),
            DefaultTarget = defaultTarget,
            OnRunCompleted = (record, console, ct) =>
            {
                Reporting.RunReport.WriteBesideRecord(record, console.Masker, root);
                return PublishMetricsAsync(record, console, ct);
            },
            OnConsoleReady = c =>
            {
                console = c;
                Console.SetOut(c.TargetWriter);
                Console.SetError(c.TargetErrorWriter);
            },
        };
        try
        {
            return await BuildRunner.RunAsync(build, args, settings, graceful.Token, force.Token).ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>With PUSHGATEWAY_URL set, the run's metrics go to that Pushgateway.</summary>
    private static Task PublishMetricsAsync(RunRecord record, BuildConsole console, CancellationToken cancellationToken) =>
        Environment.GetEnvironmentVariable(Metrics.BuildMetricsPublisher.PushgatewayVariable) is { Length: > 0 } url
            ? Metrics.BuildMetricsPublisher.PublishAsync(new Uri(url), record, console, cancellationToken)
            : Task.CompletedTask;

    private static Dictionary<string, string?> ReadEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.Ordinal);
}

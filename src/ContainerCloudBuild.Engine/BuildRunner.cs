using ContainerCloudBuild.Engine.CiHosts;
using ContainerCloudBuild.Engine.Cli;
using ContainerCloudBuild.Engine.Execution;
using ContainerCloudBuild.Engine.Output;
using ContainerCloudBuild.Engine.Parameters;
using ContainerCloudBuild.Engine.Planning;
using ContainerCloudBuild.Secrets;

namespace ContainerCloudBuild.Engine;

/// <summary>Everything a run needs from its surroundings; tests pass their own.</summary>
public sealed record BuildRunSettings
{
    public required string RootDirectory { get; init; }
    public required IBuildOutput Output { get; init; }
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    public string? DefaultTarget { get; init; }

    /// <summary>Called once the console exists, so the host can route <c>Console.Out</c> through it.</summary>
    public Action<BuildConsole>? OnConsoleReady { get; init; }

    /// <summary>Called with the (masked) run record after a run, e.g. to push build metrics; a failure here is a warning.</summary>
    public Func<RunRecord, BuildConsole, CancellationToken, Task>? OnRunCompleted { get; init; }
}

/// <summary>
/// One run: parse the command line, bind parameters, plan, check requirements, execute, print the
/// summary and write the run record. Returns the process exit code.
/// </summary>
public sealed class BuildRunner
{
    public const int ExitSuccess = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;
    public const int ExitCancelled = 130;

    public static async Task<int> RunAsync(object build, IReadOnlyList<string> args, BuildRunSettings settings, CancellationToken cancellationToken, CancellationToken forceToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(settings);
        var commandLine = CommandLine.Parse(args);
        var masker = new SecretMasker();
        var ciHost = CiHostDetector.Detect(settings.Environment);
        var verbosityText = commandLine.Value("verbosity");
        var verbosity = Verbosity.Normal;
        var console = new BuildConsole(settings.Output, masker, verbosity);
        if (verbosityText is not null && !Enum.TryParse(verbosityText, ignoreCase: true, out verbosity))
        {
            console.Error($"--verbosity '{verbosityText}' is not one of quiet, minimal, normal, verbose.");
            var now = settings.TimeProvider.GetUtcNow();
            RunRecord.Minimal(build.GetType().Name, commandLine.Targets, now, now, ExitUsage, ciHost.Name)
                .WriteTo(RunRecord.LastRunPath(Path.GetFullPath(settings.RootDirectory)));
            return ExitUsage;
        }

        console = new BuildConsole(settings.Output, masker, verbosity);
        masker.SecretRegistered += secret =>
        {
            if (ciHost.MaskCommand(secret) is { } command) console.WriteUnmasked(command);
        };
        settings.OnConsoleReady?.Invoke(console);

        var root = new AbsolutePath(Path.GetFullPath(settings.RootDirectory));
        var context = new BuildContext(root, console, masker, settings.TimeProvider, settings.Environment, ciHost, new RunEventLog(settings.TimeProvider, () => console.CurrentTarget));
        var session = new BuildSession(build, commandLine, settings, context);
        return await session.RunAsync(cancellationToken, forceToken).ConfigureAwait(false);
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// What a machine needs: Debian packages behind binaries (by default the stack's: dockerd, registry, HAProxy,
/// Prometheus) and a Docker engine that answers. On Debian as root it installs what is missing and starts
/// dockerd detached; elsewhere it returns the exact commands (<see cref="PrerequisitePlan"/>).
/// </summary>
public sealed partial class HostPrerequisites(LocalStackOptions options, ILogger logger, IReadOnlyList<Prerequisite>? required = null)
{
    public const string DockerdCommand = PrerequisitePlan.DockerdCommand;

    /// <summary>The binaries the local stack runs and their packages.</summary>
    public static IReadOnlyList<Prerequisite> ForStack(LocalStackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            new("/usr/sbin/dockerd", "docker.io"), new(options.RegistryBinary, "docker-registry"),
            new(options.HaproxyBinary, "haproxy"), new(options.PrometheusBinary, "prometheus"),
        ];
    }

    public IReadOnlyList<Prerequisite> Required { get; } = required ?? ForStack(options);

    public static bool CanInstall => OperatingSystem.IsLinux() && File.Exists("/etc/debian_version") && Environment.UserName == "root";

    /// <summary>What is missing now, without changing anything.</summary>
    public async Task<PrerequisitePlan> PlanAsync(CancellationToken cancellationToken) =>
        PrerequisitePlan.For(Required, File.Exists, await DockerAnswersAsync(cancellationToken).ConfigureAwait(false), CanInstall);

    public async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> Commands)> EnsureAsync(CancellationToken cancellationToken)
    {
        var plan = PrerequisitePlan.For(Required, File.Exists, dockerAnswers: true, CanInstall);
        if (plan.InstallCommand is not null)
        {
            if (!options.InstallMissingPackages || !plan.CanInstall)
                return ([$"missing packages: {string.Join(", ", plan.MissingPackages)}"], plan.Commands);
            LogInstalling(logger, string.Join(' ', plan.MissingPackages));
            var (code, output) = await RunAsync("/bin/sh", ["-c", plan.InstallCommand], cancellationToken).ConfigureAwait(false);
            if (code != 0)
                return ([$"apt-get failed with exit code {code}: {Tail(output)}"], [plan.InstallCommand]);
        }
        var state = await ProbeDockerAsync(cancellationToken).ConfigureAwait(false);
        if (state == DockerEngineState.PermissionDenied)
            return ([$"permission denied on {options.DockerSocket}: a Docker engine runs, but this user ({Environment.UserName}) may not use it"],
                [$"sudo usermod -aG docker {Environment.UserName}   # then log out and in again (or run: newgrp docker)"]);
        plan = PrerequisitePlan.For(Required, File.Exists, state == DockerEngineState.Answers, CanInstall);
        if (plan.StartDockerdCommand is null)
            return ([], []);
        if (!plan.CanInstall)
            return ([$"no Docker engine answers on {options.DockerSocket}"], plan.Commands);
        LogStartingDockerd(logger);
        await RunAsync("/bin/sh", ["-c", plan.StartDockerdCommand], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 60; i++)
        {
            if (await DockerAnswersAsync(cancellationToken).ConfigureAwait(false))
                return ([], []);
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        return ([$"dockerd did not answer on {options.DockerSocket} within 30s; see {PrerequisitePlan.DockerdLog}"], [plan.StartDockerdCommand]);
    }

    /// <summary>GET /_ping on the engine's unix socket.</summary>
    public async Task<bool> DockerAnswersAsync(CancellationToken cancellationToken) =>
        await ProbeDockerAsync(cancellationToken).ConfigureAwait(false) == DockerEngineState.Answers;

    /// <summary>GET /_ping on the engine's unix socket, telling "nobody answers" from "not allowed to ask".</summary>
    public async Task<DockerEngineState> ProbeDockerAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(options.DockerSocket))
            return DockerEngineState.NotAnswering;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(options.DockerSocket), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri("http://docker/_ping"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? DockerEngineState.Answers : DockerEngineState.NotAnswering;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or SocketException or UnauthorizedAccessException)
        {
            return Classify(ex);
        }
    }

    /// <summary>A failed connection to the engine's socket: EACCES (anywhere in the chain) means the engine may run but this user may not use it.</summary>
    public static DockerEngineState Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UnauthorizedAccessException or SocketException { SocketErrorCode: SocketError.AccessDenied })
                return DockerEngineState.PermissionDenied;
        }

        return DockerEngineState.NotAnswering;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string Tail(string text) => string.Join(Environment.NewLine, text.Split('\n').TakeLast(10));

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing missing packages: {Packages}")]
    private static partial void LogInstalling(ILogger logger, string packages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Docker engine answers; starting dockerd")]
    private static partial void LogStartingDockerd(ILogger logger);
}

/// <summary>What a probe of the Docker engine's socket found.</summary>
public enum DockerEngineState { Answers, NotAnswering, PermissionDenied }

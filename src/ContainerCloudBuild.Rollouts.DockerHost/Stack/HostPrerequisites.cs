using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// What the stack needs from the machine: the Debian packages behind its binaries and a Docker engine that
/// answers. On Debian as root it installs and starts what is missing; elsewhere it returns the exact commands.
/// </summary>
public sealed partial class HostPrerequisites(LocalStackOptions options, ILogger logger)
{
    public const string DockerdCommand = "dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false";

    /// <summary>Binary → Debian package that provides it.</summary>
    public IReadOnlyList<(string Binary, string Package)> Required =>
    [
        ("/usr/sbin/dockerd", "docker.io"), (options.RegistryBinary, "docker-registry"),
        (options.HaproxyBinary, "haproxy"), (options.PrometheusBinary, "prometheus"),
    ];

    public static bool CanInstall => OperatingSystem.IsLinux() && File.Exists("/etc/debian_version") && Environment.UserName == "root";

    public async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> Commands)> EnsureAsync(CancellationToken cancellationToken)
    {
        var missing = Required.Where(r => !File.Exists(r.Binary)).Select(r => r.Package).Distinct().ToList();
        var install = $"apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {string.Join(' ', missing)}";
        if (missing.Count > 0)
        {
            if (!options.InstallMissingPackages || !CanInstall)
                return ([$"missing packages: {string.Join(", ", missing)}"], [(CanInstall ? "" : "sudo ") + install]);
            LogInstalling(logger, string.Join(' ', missing));
            var (code, output) = await RunAsync("/bin/sh", ["-c", install], cancellationToken).ConfigureAwait(false);
            if (code != 0)
                return ([$"apt-get failed with exit code {code}: {Tail(output)}"], [install]);
        }
        var state = await ProbeDockerAsync(cancellationToken).ConfigureAwait(false);
        if (state == DockerEngineState.Answers)
            return ([], []);
        if (state == DockerEngineState.PermissionDenied)
            return ([$"permission denied on {options.DockerSocket}: a Docker engine runs, but this user ({Environment.UserName}) may not use it"],
                [$"sudo usermod -aG docker {Environment.UserName}   # then log out and in again (or run: newgrp docker)"]);
        var start = $"{DockerdCommand} >/var/log/dockerd.log 2>&1 &";
        if (!CanInstall)
            return ([$"no Docker engine answers on {options.DockerSocket}"], [$"sudo sh -c '{start}'"]);
        LogStartingDockerd(logger);
        await RunAsync("/bin/sh", ["-c", $"setsid {start}"], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < 60; i++)
        {
            if (await DockerAnswersAsync(cancellationToken).ConfigureAwait(false))
                return ([], []);
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        return ([$"dockerd did not answer on {options.DockerSocket} within 30s; see /var/log/dockerd.log"], [start]);
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

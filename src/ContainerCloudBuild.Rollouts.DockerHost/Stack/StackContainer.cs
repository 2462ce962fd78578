using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContainerCloudBuild.Files;
using ContainerCloudBuild.Rollouts.DockerHost.Docker;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>
/// One daemon of the stack: its command line, its directory (config, data, sockets) and the port that says it is up. A daemon
/// with a <see cref="ReloadSignal"/> reads a changed config when it gets that signal, so a config change reloads it in place
/// instead of replacing its container (HAProxy in master-worker mode: the new worker takes over, the old one finishes its
/// connections, and the other services it fronts keep answering).
/// </summary>
public sealed record StackComponent(string Name, IReadOnlyList<string> Command, string Directory, int Port, string ConfigPath, string Config)
{
    public string? ReloadSignal { get; init; }
}

/// <summary>What <see cref="StackContainer.EnsureAsync"/> had to do.</summary>
public enum StackChange
{
    None,
    Started,
    Reloaded,
}

/// <summary>
/// Runs a stack daemon as a container the Docker engine supervises: host networking (it listens on 127.0.0.1 as a
/// process would), its directory mounted at the same path, the caller's uid:gid (its files stay the user's), restart
/// policy <c>unless-stopped</c> — killed, it is started again at once; after an engine restart or a reboot, the engine
/// starts it. Named per stack directory, so several stacks share an engine.
/// </summary>
public sealed class StackContainer(IDockerClient docker, string stackDirectory)
{
    private const string ConfigLabel = "ccb.stack.config";
    public const string StackLabel = "ccb.stack";

    public string NameOf(string component) =>
        $"ccb-stack-{component}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(stackDirectory))))[..12]}";

    /// <summary>
    /// Writes the config; (re)creates the container unless it runs with that same config and image, or, for a daemon with a
    /// reload signal that runs with that image, writes the changed config and signals it.
    /// </summary>
    public async Task<StackChange> EnsureAsync(StackComponent component, string image, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(component);
        var name = NameOf(component.Name);
        var fingerprint = Fingerprint(component, image);
        var existing = await InspectAsync(name, cancellationToken).ConfigureAwait(false);
        if (existing?.Config?.Labels is { } labels && labels.TryGetValue(ConfigLabel, out var label) && label == fingerprint)
        {
            var running = existing.State?.Running == true;
            if (running && await DaemonProcess.PortAnswersAsync(component.Port, cancellationToken).ConfigureAwait(false))
                return await ReloadIfChangedAsync(name, component, cancellationToken).ConfigureAwait(false);
            if (!running)
            {
                await WriteConfigAsync(component, cancellationToken).ConfigureAwait(false);
                await docker.Containers.StartContainerAsync(name, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
                await WaitForPortAsync(name, component, startTimeout, cancellationToken).ConfigureAwait(false);
                return StackChange.Started;
            }
        }
        await RemoveAsync(component.Name, cancellationToken).ConfigureAwait(false);
        if (await DaemonProcess.PortAnswersAsync(component.Port, cancellationToken).ConfigureAwait(false))
            throw new InvalidOperationException(
                $"Port 127.0.0.1:{component.Port} for {component.Name} is taken by a process this stack did not start; stop it or choose another port in LocalStackOptions.");
        await WriteConfigAsync(component, cancellationToken).ConfigureAwait(false);
        await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = image,
            Entrypoint = [.. component.Command],
            User = HostUser.UidGid(),
            Labels = new Dictionary<string, string> { [StackLabel] = Path.GetFullPath(stackDirectory), [ConfigLabel] = fingerprint },
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Init = true, // tini as PID 1 forwards SIGTERM, so an engine shutdown stops the daemon at once
                RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
                Binds = [$"{component.Directory}:{component.Directory}"],
            },
        }, cancellationToken).ConfigureAwait(false);
        await docker.Containers.StartContainerAsync(name, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
        await WaitForPortAsync(name, component, startTimeout, cancellationToken).ConfigureAwait(false);
        return StackChange.Started;
    }

    private async Task<StackChange> ReloadIfChangedAsync(string name, StackComponent component, CancellationToken cancellationToken)
    {
        if (component.ReloadSignal is null
            || (File.Exists(component.ConfigPath) && await File.ReadAllTextAsync(component.ConfigPath, cancellationToken).ConfigureAwait(false) == component.Config))
            return StackChange.None;
        await WriteConfigAsync(component, cancellationToken).ConfigureAwait(false);
        await docker.Containers.KillContainerAsync(name, new ContainerKillParameters { Signal = component.ReloadSignal }, cancellationToken).ConfigureAwait(false);
        return StackChange.Reloaded;
    }

    /// <summary>Written atomically (<see cref="AtomicFile"/>): a daemon started or reloaded at any moment reads a whole file.</summary>
    private static Task WriteConfigAsync(StackComponent component, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(component.ConfigPath, component.Config, cancellationToken);

    /// <summary>True when this stack's container for <paramref name="component"/> exists and runs.</summary>
    public async Task<bool> IsRunningAsync(string component, CancellationToken cancellationToken) =>
        (await InspectAsync(NameOf(component), cancellationToken).ConfigureAwait(false))?.State?.Running == true;

    /// <summary>Removes the container (stopping it first); nothing when it does not exist.</summary>
    public async Task RemoveAsync(string component, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.RemoveContainerAsync(NameOf(component), new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    private async Task WaitForPortAsync(string name, StackComponent component, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            while (!await DaemonProcess.PortAnswersAsync(component.Port, timeoutSource.Token).ConfigureAwait(false))
            {
                if (await InspectAsync(name, cancellationToken).ConfigureAwait(false) is { State: { Running: false } state })
                    throw new InvalidOperationException($"{component.Name} (container {name}) exited with code {state.ExitCode} at start:{Environment.NewLine}{await LogTailAsync(name, cancellationToken).ConfigureAwait(false)}");
                await Task.Delay(100, timeoutSource.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"{component.Name} (container {name}) did not listen on 127.0.0.1:{component.Port} within {timeout.TotalSeconds:0}s:{Environment.NewLine}{await LogTailAsync(name, cancellationToken).ConfigureAwait(false)}");
        }
    }

    private async Task<string> LogTailAsync(string name, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        try
        {
            await docker.Containers.GetContainerLogsAsync(name, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "20" },
                new CollectLines(lines), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            return $"(logs unavailable: {ex.Message})";
        }
        lock (lines)
            return string.Join(Environment.NewLine, lines.Select(l => l.TrimEnd()));
    }

    private async Task<ContainerInspectResponse?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await docker.Containers.InspectContainerAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>What the container was created from; a daemon that reloads its config keeps its container when only the config changed.</summary>
    private static string Fingerprint(StackComponent component, string image) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            [image, HostUser.UidGid(), .. component.Command, component.ReloadSignal is null ? component.Config : $"reload on {component.ReloadSignal}"]))))[..16];
}

/// <summary>The uid:gid this process runs as (from /proc/self/status), for containers whose files must stay the user's.</summary>
public static class HostUser
{
    public static string UidGid()
    {
        string Field(string name) => File.ReadLines("/proc/self/status").First(l => l.StartsWith(name, StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2]; // real, effective, saved, filesystem: the effective id
        return string.Create(CultureInfo.InvariantCulture, $"{Field("Uid:")}:{Field("Gid:")}");
    }
}

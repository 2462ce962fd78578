using System.Diagnostics;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Testing;
using Docker.DotNet;

namespace ContainerCloudBuild.Tests.Deploy.Support;

/// <summary>
/// A Docker engine of the test's own (data root, exec root, socket, pid file, containerd namespace, no bridge or
/// iptables changes), so a test can stop, restart and "reboot" it without touching the engine other tests use.
/// Disposal stops it and deletes everything it stored.
/// </summary>
public sealed class OwnDockerEngine : IAsyncDisposable
{
    private const string Dockerd = "/usr/sbin/dockerd";
    private readonly TempDirectory _root = new("ccb-eng");
    private readonly string _namespace = "ccb-test-" + Guid.NewGuid().ToString("N")[..8];

    private OwnDockerEngine()
    {
    }

    public string Socket => _root.Combine("docker.sock");
    public string PidFile => _root.Combine("docker.pid");
    public string LogFile => _root.Combine("dockerd.log");
    public int? Pid => DaemonProcess.ReadPid(PidFile);

    public static async Task<OwnDockerEngine> StartAsync(CancellationToken cancellationToken)
    {
        RequiredService.Require(File.Exists(Dockerd), "dockerd", "apt-get install docker.io");
        RequiredService.Require(HostUser.UidGid() == "0:0", "root (a second dockerd)", "run the tests as root");
        var engine = new OwnDockerEngine();
        await engine.StartAgainAsync(cancellationToken);
        return engine;
    }

    /// <summary>Starts dockerd on the same data root (the containers it had come back per their restart policy); waits for /_ping.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("exec setsid \"$0\" \"$@\" >>\"$CCB_LOG\" 2>&1 </dev/null 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-");
        foreach (var argument in (string[])[Dockerd,
            $"--data-root={_root.Combine("data")}", $"--exec-root={_root.Combine("exec")}", $"--host=unix://{Socket}", $"--pidfile={PidFile}",
            $"--containerd-namespace={_namespace}", $"--containerd-plugins-namespace={_namespace}-plugins",
            "--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false", "--shutdown-timeout=5", "--log-level=warn"])
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["CCB_LOG"] = LogFile;
        using (Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dockerd."))
        {
        }
        using var docker = Client();
        for (var waited = 0; ; waited += 100)
        {
            try
            {
                await docker.System.PingAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or DockerApiException or IOException or System.Net.Sockets.SocketException && waited < 30_000)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Stops dockerd as a shutdown does (SIGTERM: it stops its containers) and waits until it has exited.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Pid is not { } pid || !DaemonProcess.IsAlive(pid))
            return;
        using var process = Process.GetProcessById(pid);
        using (var kill = Process.Start("/bin/kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    public DockerClient Client() => new DockerClientBuilder().WithEndpoint(new Uri("unix://" + Socket)).Build();

    public string LogTail => DaemonProcess.Tail(LogFile, 30);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            await UnmountAllAsync();
            _root.Dispose();
        }
    }

    /// <summary>dockerd leaves mounts under its exec root (e.g. the <c>netns/default</c> namespace file); they would keep the folder.</summary>
    private async Task UnmountAllAsync()
    {
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mountinfo"))
            .Select(line => line.Split(' ')[4])
            .Where(point => point.StartsWith(_root.Path + "/", StringComparison.Ordinal))
            .OrderByDescending(point => point.Length);
        foreach (var mount in mounts)
        {
            using var umount = Process.Start("/bin/umount", [mount]);
            await umount.WaitForExitAsync();
        }
    }
}

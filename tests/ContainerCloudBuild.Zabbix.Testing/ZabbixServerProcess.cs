using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// <c>zabbix_server -f</c> with its own config: trapper on 127.0.0.1, the pollers the tests do not need at zero,
/// the configuration cache synced every second, no housekeeping. As root it drops to user zabbix, so its
/// folder (log, pid, runtime-control socket) is given to zabbix. Stopped with SIGTERM to the main process.
/// </summary>
public sealed class ZabbixServerProcess
{
    private readonly string directory;
    private Process? process;

    private ZabbixServerProcess(string directory, int port)
    {
        this.directory = directory;
        TrapperPort = port;
    }

    public int TrapperPort { get; }

    public string ConfigPath => Path.Combine(directory, "zabbix_server.conf");

    public string LogPath => Path.Combine(directory, "zabbix_server.log");

    public static async Task<ZabbixServerProcess> StartAsync(string directory, int databasePort, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var server = new ZabbixServerProcess(directory, PickTrapperPort());
        await File.WriteAllTextAsync(server.ConfigPath, Config(directory, server.TrapperPort, databasePort), cancellationToken);
        await ProcessRunner.ChownAsync(directory, "zabbix", cancellationToken);
        server.process = ProcessRunner.StartDaemon(ZabbixPackages.ZabbixServer, ["-c", server.ConfigPath, "-f"], Path.Combine(directory, "stdout.log"));
        await server.WaitListeningAsync(cancellationToken);
        return server;
    }

    /// <summary><c>zabbix_server -R config_cache_reload</c>: new items accept values without waiting for the next sync.</summary>
    public Task ReloadConfigCacheAsync(CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(ZabbixPackages.ZabbixServer, ["-c", ConfigPath, "-R", "config_cache_reload"], cancellationToken);

    public Task StopAsync() => ProcessRunner.TerminateAsync(process, TimeSpan.FromSeconds(15));

    /// <summary>The trapper's ListenPort must be in 1024–32767, below Linux' ephemeral range, so it is picked there.</summary>
    private static int PickTrapperPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("No free port in 20000-32000 for the Zabbix trapper.");
    }

    private async Task WaitListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
                throw new InvalidOperationException($"zabbix_server exited with {process.ExitCode}: {Tail(Path.Combine(directory, "stdout.log"))} {Tail(LogPath)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", TrapperPort, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        throw new TimeoutException($"zabbix_server did not listen on 127.0.0.1:{TrapperPort} within 60 s: {Tail(LogPath)}");
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(20)) : "";

    private static string Config(string directory, int port, int databasePort) => string.Create(CultureInfo.InvariantCulture, $"""
        ListenIP=127.0.0.1
        ListenPort={port}
        SourceIP=127.0.0.1
        DBHost=127.0.0.1
        DBPort={databasePort}
        DBName={ZabbixDatabase.Name}
        DBUser={ZabbixDatabase.User}
        DBPassword={ZabbixDatabase.Password}
        LogFile={Path.Combine(directory, "zabbix_server.log")}
        LogFileSize=0
        PidFile={Path.Combine(directory, "zabbix_server.pid")}
        SocketDir={directory}
        CacheUpdateFrequency=1
        HousekeepingFrequency=0
        StartPollers=0
        StartPollersUnreachable=0
        StartPingers=0
        StartDiscoverers=0
        StartHTTPPollers=0
        StartHistoryPollers=0
        StartODBCPollers=0
        StartProxyPollers=0
        StartReportWriters=0
        StartLLDProcessors=1
        StartAlerters=1
        StartEscalators=1
        StartTimers=1
        StartTrappers=2
        StartPreprocessors=1
        StartDBSyncers=1
        CacheSize=16M
        HistoryCacheSize=8M
        HistoryIndexCacheSize=4M
        TrendCacheSize=4M
        ValueCacheSize=8M
        Timeout=4

        """);
}

using System.Diagnostics;
using System.Globalization;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// Debian's <c>zabbix_agentd</c> in active-only mode (no listening port, <c>StartAgents=0</c>) as a container's agent
/// would run: a host name, host metadata for auto-registration and a user parameter, reporting to the fixture's server.
/// Zabbix 6.0's agent asks for its active checks at start and then every RefreshActiveChecks (at least 60 s).
/// </summary>
public sealed class ZabbixAgentProcess : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/zabbix_agentd";
    private readonly string directory;
    private Process? process;

    private ZabbixAgentProcess(string directory) => this.directory = directory;

    public static bool Available => File.Exists(Binary);

    public static async Task<ZabbixAgentProcess> StartAsync(string directory, int serverPort, string hostName, string metadata, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var agent = new ZabbixAgentProcess(directory);
        var config = Path.Combine(directory, "zabbix_agentd.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $"""
            ServerActive=127.0.0.1:{serverPort}
            StartAgents=0
            Hostname={hostName}
            HostMetadata={metadata}
            RefreshActiveChecks=60
            BufferSend=1
            LogFile={Path.Combine(directory, "zabbix_agentd.log")}
            PidFile={Path.Combine(directory, "zabbix_agentd.pid")}
            UserParameter=ccb.uptime,cut -d. -f1 /proc/uptime

            """), cancellationToken);
        await ProcessRunner.ChownAsync(directory, "zabbix", cancellationToken);
        agent.process = ProcessRunner.StartDaemon(Binary, ["-c", config, "-f"], Path.Combine(directory, "stdout.log"));
        return agent;
    }

    /// <summary>The agent's log and its own output (configuration errors land there).</summary>
    public string Log => string.Join('\n', new[] { "zabbix_agentd.log", "stdout.log" }.Select(f => Path.Combine(directory, f)).Where(File.Exists).Select(File.ReadAllText));

    public async ValueTask DisposeAsync() => await ProcessRunner.TerminateAsync(process, TimeSpan.FromSeconds(10));
}

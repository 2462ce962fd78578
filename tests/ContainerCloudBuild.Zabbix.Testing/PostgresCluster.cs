using System.Globalization;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// A throw-away PostgreSQL 15 cluster: initdb in a folder the postgres user owns (as root), listening on
/// 127.0.0.1 on a free port with its socket in the same folder, fsync off; trust authentication on loopback.
/// </summary>
public sealed class PostgresCluster
{
    private readonly string directory;

    private PostgresCluster(string directory, int port)
    {
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    public static async Task<PostgresCluster> StartAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await ProcessRunner.ChownAsync(directory, "postgres", cancellationToken);
        var cluster = new PostgresCluster(directory, FreePort.Next());
        await ProcessRunner.RunAsync(ZabbixPackages.Postgres("initdb"),
            ["-D", cluster.DataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            cancellationToken, asUser: "postgres");
        var options = $"-c listen_addresses=127.0.0.1 -p {cluster.Port.ToString(CultureInfo.InvariantCulture)} -k {directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB";
        await ProcessRunner.RunAsync(ZabbixPackages.Postgres("pg_ctl"),
            ["-D", cluster.DataDirectory, "-l", Path.Combine(directory, "postgres.log"), "-w", "-t", "60", "start", "-o", options],
            cancellationToken, asUser: "postgres");
        return cluster;
    }

    /// <summary>Runs SQL as the superuser against <paramref name="database"/>.</summary>
    public Task<string> SqlAsync(string database, string user, string sql, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(ZabbixPackages.Postgres("psql"), [.. Connection(user), "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], cancellationToken);

    /// <summary>The connection arguments psql, pg_dump and pg_restore take.</summary>
    public IReadOnlyList<string> Connection(string user) => ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", user];

    public async Task StopAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            return;
        await ProcessRunner.RunAsync(ZabbixPackages.Postgres("pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None, asUser: "postgres");
    }
}

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// Creates the <c>zabbix</c> role and database and fills it: from a cached <c>pg_dump -Fc</c> (about 3 s) when
/// one exists for the installed schema, otherwise by importing Debian's schema, images and data (20–30 s) and
/// caching the dump for the next run. The stock "Zabbix server" host is disabled (nothing listens for its agent checks).
/// </summary>
public static class ZabbixDatabase
{
    public const string Name = "zabbix";
    public const string User = "zabbix";
    public const string Password = "zabbix-test-db";

    public static string CacheDirectory => Path.Combine(Path.GetTempPath(), "ccb-zabbix-cache");

    /// <summary>Builds the database; true when it came from the cached dump.</summary>
    public static async Task<bool> CreateAsync(PostgresCluster postgres, CancellationToken cancellationToken)
    {
        await postgres.SqlAsync("postgres", "postgres", $"CREATE ROLE {User} LOGIN PASSWORD '{Password}'", cancellationToken);
        await postgres.SqlAsync("postgres", "postgres", $"CREATE DATABASE {Name} OWNER {User}", cancellationToken);
        Directory.CreateDirectory(CacheDirectory);
        var dump = Path.Combine(CacheDirectory, $"zabbix-{SchemaKey()}.dump");
        if (File.Exists(dump))
        {
            await ProcessRunner.RunAsync(ZabbixPackages.Postgres("pg_restore"), [.. postgres.Connection(User), "-d", Name, "--no-owner", dump], cancellationToken);
            return true;
        }
        var files = string.Join(' ', new[] { "schema", "images", "data" }.Select(f => Path.Combine(ZabbixPackages.SchemaDirectory, f + ".sql.gz")));
        var psql = $"{ZabbixPackages.Postgres("psql")} {string.Join(' ', postgres.Connection(User))} -d {Name} -q -v ON_ERROR_STOP=1";
        await ProcessRunner.RunAsync("/bin/sh", ["-c", $"set -e; zcat {files} | {psql} >/dev/null"], cancellationToken);
        await postgres.SqlAsync(Name, User, "UPDATE hosts SET status=1 WHERE host='Zabbix server'", cancellationToken);
        var partial = dump + $".{Guid.NewGuid():N}.tmp";
        await ProcessRunner.RunAsync(ZabbixPackages.Postgres("pg_dump"), [.. postgres.Connection(User), "-Fc", "-f", partial, Name], cancellationToken);
        File.Move(partial, dump, overwrite: true);
        return false;
    }

    /// <summary>Changes when Debian's schema files change (a new package version).</summary>
    private static string SchemaKey()
    {
        var data = new FileInfo(Path.Combine(ZabbixPackages.SchemaDirectory, "data.sql.gz"));
        var schema = new FileInfo(Path.Combine(ZabbixPackages.SchemaDirectory, "schema.sql.gz"));
        return $"{data.Length:x}-{schema.Length:x}-{data.LastWriteTimeUtc.Ticks:x}";
    }
}

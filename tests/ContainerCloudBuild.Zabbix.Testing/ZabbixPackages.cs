namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>Where Debian's packages put what the fixture runs, and how to get them.</summary>
public static class ZabbixPackages
{
    public const string PostgresBin = "/usr/lib/postgresql/15/bin";
    public const string ZabbixServer = "/usr/sbin/zabbix_server";
    public const string SchemaDirectory = "/usr/share/zabbix-server-pgsql";
    public const string Frontend = "/usr/share/zabbix";
    public const string Php = "/usr/bin/php";
    public const string PhpPgsql = "/etc/php/8.2/mods-available/pgsql.ini";

    public const string HowToInstall =
        "Run `./build.sh Prerequisites` as root (or `apt-get install zabbix-server-pgsql zabbix-frontend-php php-cli php-pgsql postgresql-15`); the tests start their own PostgreSQL, Zabbix server and API.";

    public static string Postgres(string tool) => Path.Combine(PostgresBin, tool);

    public static bool Available =>
        File.Exists(ZabbixServer) && File.Exists(Path.Combine(Frontend, "api_jsonrpc.php")) && File.Exists(Php) && File.Exists(PhpPgsql)
        && File.Exists(Postgres("postgres")) && File.Exists(Path.Combine(SchemaDirectory, "data.sql.gz"));

    /// <summary>As root the servers run as their own users (postgres, zabbix), as Debian sets them up.</summary>
    public static bool IsRoot => Environment.UserName == "root";
}

using System.Diagnostics;
using System.Globalization;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// The Zabbix API: Debian's frontend served by <c>php -S</c> on a free loopback port. Debian's frontend reads
/// /etc/zabbix/zabbix.conf.php only, so the fixture serves a cached copy whose loader takes the config path from
/// <c>CCB_ZABBIX_CONF_PHP</c> and writes its own config next to the server's; nothing under /etc is touched.
/// Can be stopped and started again (the API "going away" mid-rollout).
/// </summary>
public sealed class ZabbixFrontendProcess
{
    private readonly string directory;
    private readonly string root;
    private Process? process;

    private ZabbixFrontendProcess(string directory, string root)
    {
        this.directory = directory;
        this.root = root;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public Uri ApiUrl => new(Url, "api_jsonrpc.php");

    private string ConfigPath => Path.Combine(directory, "zabbix.conf.php");

    public static async Task<ZabbixFrontendProcess> StartAsync(string directory, int databasePort, int serverPort, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var frontend = new ZabbixFrontendProcess(directory, await CachedCopyAsync(cancellationToken));
        await File.WriteAllTextAsync(frontend.ConfigPath, Config(databasePort, serverPort), cancellationToken);
        await frontend.StartAsync(cancellationToken);
        return frontend;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        process = ProcessRunner.StartDaemon(ZabbixPackages.Php, ["-S", $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}", "-t", root],
            Path.Combine(directory, "php.log"),
            environment: new Dictionary<string, string> { ["CCB_ZABBIX_CONF_PHP"] = ConfigPath });
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"php -S exited with {process.ExitCode}; see {Path.Combine(directory, "php.log")}");
            try
            {
                using var content = new StringContent("""{"jsonrpc":"2.0","method":"apiinfo.version","params":[],"id":1}""");
                content.Headers.ContentType = new("application/json-rpc");
                using var response = await http.PostAsync(ApiUrl, content, cancellationToken);
                if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"result\"", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"The Zabbix API did not answer at {ApiUrl} within 30 s");
    }

    public async Task StopAsync()
    {
        await ProcessRunner.TerminateAsync(process, TimeSpan.FromSeconds(5));
        process = null;
    }

    /// <summary>A copy of /usr/share/zabbix (once per package version) whose config loader honours CCB_ZABBIX_CONF_PHP.</summary>
    private static async Task<string> CachedCopyAsync(CancellationToken cancellationToken)
    {
        var defines = new FileInfo(Path.Combine(ZabbixPackages.Frontend, "include", "defines.inc.php"));
        var copy = Path.Combine(ZabbixDatabase.CacheDirectory, $"frontend-{defines.Length:x}-{defines.LastWriteTimeUtc.Ticks:x}");
        if (Directory.Exists(copy))
            return copy;
        var partial = copy + $".{Guid.NewGuid():N}.tmp";
        await ProcessRunner.RunAsync("/bin/cp", ["-a", ZabbixPackages.Frontend, partial], cancellationToken);
        var loader = Path.Combine(partial, "include", "classes", "core", "ZBase.php");
        var text = await File.ReadAllTextAsync(loader, cancellationToken);
        const string Original = "$configFile = CConfigFile::CONFIG_FILE_PATH;";
        if (!text.Contains(Original, StringComparison.Ordinal))
            throw new InvalidOperationException($"{loader} no longer reads its config as `{Original}`; update the fixture for this Zabbix version.");
        await File.WriteAllTextAsync(loader, text.Replace(Original, "$configFile = getenv('CCB_ZABBIX_CONF_PHP') ?: CConfigFile::CONFIG_FILE_PATH;", StringComparison.Ordinal), cancellationToken);
        Directory.Move(partial, copy);
        return copy;
    }

    private static string Config(int databasePort, int serverPort) => string.Create(CultureInfo.InvariantCulture, $"""
        <?php
        $DB['TYPE'] = 'POSTGRESQL';
        $DB['SERVER'] = '127.0.0.1';
        $DB['PORT'] = '{databasePort}';
        $DB['DATABASE'] = '{ZabbixDatabase.Name}';
        $DB['USER'] = '{ZabbixDatabase.User}';
        $DB['PASSWORD'] = '{ZabbixDatabase.Password}';
        $DB['SCHEMA'] = '';
        $DB['ENCRYPTION'] = false;
        $DB['KEY_FILE'] = '';
        $DB['CERT_FILE'] = '';
        $DB['CA_FILE'] = '';
        $DB['VERIFY_HOST'] = false;
        $DB['CIPHER_LIST'] = '';
        $DB['VAULT_URL'] = '';
        $DB['VAULT_DB_PATH'] = '';
        $DB['VAULT_TOKEN'] = '';
        $DB['DOUBLE_IEEE754'] = true;
        $ZBX_SERVER = '127.0.0.1';
        $ZBX_SERVER_PORT = '{serverPort}';
        $ZBX_SERVER_NAME = 'ccb-test';
        $IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;

        """);
}

namespace ContainerCloudBuild.Zabbix.Testing;

/// <summary>
/// Holds /tmp/cc-zabbix.lock (an exclusive flock, like `flock -o`: the descriptor is close-on-exec, so the
/// daemons the fixture starts do not inherit it) while a Zabbix fixture runs, so test runs do not start two at once.
/// </summary>
public sealed class ZabbixLock : IDisposable
{
    public const string Path = "/tmp/cc-zabbix.lock";
    private readonly FileStream stream;

    private ZabbixLock(FileStream stream) => this.stream = stream;

    public static async Task<ZabbixLock> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new ZabbixLock(new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (IOException ex)
            {
                throw new TimeoutException($"{Path} stayed locked for {timeout.TotalSeconds:0} s; another Zabbix test run holds it.", ex);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}

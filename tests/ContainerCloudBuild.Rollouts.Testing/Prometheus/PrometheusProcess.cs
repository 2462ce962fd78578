using ContainerCloudBuild.Prometheus;
using ContainerCloudBuild.Rollouts.DockerHost.Stack;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>
/// Debian's Prometheus on a free port, scraping HAProxy's exporter every second (the config the local stack
/// generates). Ready means it has scraped HAProxy at least twice: Prometheus applies a new target only after
/// its discovery delay (about 5 s), and a rate needs two samples.
/// </summary>
public sealed class PrometheusProcess : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly string _pidFile;

    private PrometheusProcess(string directory, int port)
    {
        Directory = directory;
        Port = port;
        _pidFile = Path.Combine(directory, "prometheus.pid");
    }

    public string Directory { get; }
    public int Port { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}/");
    public string Log => DaemonProcess.Tail(Path.Combine(Directory, "prometheus.log"));

    public static async Task<PrometheusProcess> StartAsync(string directory, int haproxyMetricsPort, TimeSpan scrapeInterval, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var process = new PrometheusProcess(directory, FreePort.Next());
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, StackConfigs.Prometheus(haproxyMetricsPort, process.Port, scrapeInterval), cancellationToken);
        await DaemonProcess.StartAsync(Binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "tsdb")}", $"--web.listen-address=127.0.0.1:{process.Port}"],
            process._pidFile, Path.Combine(directory, "prometheus.log"), process.Port, TimeSpan.FromSeconds(20), cancellationToken);
        try
        {
            await process.WaitScrapingAsync(cancellationToken);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return process;
    }

    private async Task WaitScrapingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var client = new PrometheusClient(http, Url);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        var last = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                var result = await client.QueryAsync("count_over_time(up{job=\"haproxy\"}[1m]) >= 2 and on() up{job=\"haproxy\"} == 1", null, cancellationToken);
                if (result.Samples.Count > 0)
                    return;
                last = "not scraped twice yet";
            }
            catch (Exception ex) when (ex is HttpRequestException or PrometheusQueryException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Prometheus at {Url} did not scrape HAProxy within 30 s ({last}). Log:{Environment.NewLine}{Log}");
    }

    /// <summary>Kills the server (to test provider errors); idempotent.</summary>
    public void Stop() => DaemonProcess.Stop(_pidFile);

    public void Dispose() => Stop();
}

using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Stack;

/// <summary>Config files of the registry and Prometheus (HAProxy's is <see cref="Haproxy.HaproxyConfig"/>).</summary>
public static class StackConfigs
{
    public static string Registry(string storageDirectory, int port) => $"""
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: {storageDirectory}
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}
        """;

    /// <summary>Scrapes HAProxy's built-in exporter (per-server request and response counters) and itself.</summary>
    public static string Prometheus(int haproxyMetricsPort, int prometheusPort, TimeSpan scrapeInterval)
    {
        var interval = $"{(int)Math.Max(1, scrapeInterval.TotalSeconds)}s";
        return $"""
            global:
              scrape_interval: {interval}
              evaluation_interval: {interval}
            scrape_configs:
              - job_name: haproxy
                static_configs:
                  - targets: ['127.0.0.1:{haproxyMetricsPort.ToString(CultureInfo.InvariantCulture)}']
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:{prometheusPort.ToString(CultureInfo.InvariantCulture)}']
            """;
    }
}

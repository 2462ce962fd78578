using ContainerCloudBuild.Prometheus;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>One <see cref="RouterExporter"/> and Debian's Prometheus scraping it every second on a free port, shared by a test class (tests use their own namespace label).</summary>
public sealed class RouterPrometheusFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new("ccb-router-prom");
    private PrometheusProcess? _prometheus;

    public RouterExporter Exporter { get; } = new();

    public Uri PrometheusUrl => (_prometheus ?? throw new InvalidOperationException("Prometheus is not running.")).Url;

    public void Require() => RequiredService.Require(_prometheus is not null, "prometheus", "Install it with `apt-get install prometheus` (the tests start their own process).");

    public async ValueTask InitializeAsync()
    {
        if (File.Exists(PrometheusProcess.Binary))
            _prometheus = await PrometheusProcess.StartAsync(_temp.Combine("prometheus"), Exporter.Port, TimeSpan.FromSeconds(1), CancellationToken.None);
    }

    /// <summary>Waits until Prometheus holds at least <paramref name="scrapes"/> samples of the namespace's series (at most 20 s).</summary>
    public async Task WaitForScrapesAsync(string @namespace, int scrapes, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var client = new PrometheusClient(http, PrometheusUrl);
        var query = $"min(count_over_time(nginx_ingress_controller_requests{{namespace=\"{@namespace}\"}}[1m])) >= {scrapes}";
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if ((await client.QueryAsync(query, null, cancellationToken)).Samples.Count > 0)
                return;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Prometheus at {PrometheusUrl} had not scraped {@namespace} {scrapes} times after 20 s. Log:{Environment.NewLine}{_prometheus!.Log}");
    }

    public ValueTask DisposeAsync()
    {
        _prometheus?.Dispose();
        Exporter.Dispose();
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}

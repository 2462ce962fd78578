using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Prometheus.Pushgateway;

namespace ContainerCloudBuild.Prometheus.Tests;

/// <summary>One Prometheus + Pushgateway pair shared by a test class; tests use unique job names.</summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private PrometheusServers? servers;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public PrometheusServers Servers => servers ?? throw new InvalidOperationException("Prometheus is not running.");

    public PrometheusClient Client => new(Http, Servers.PrometheusUrl);

    public PushgatewayClient Pushgateway => new(Http, Servers.PushgatewayUrl);

    public void Require() =>
        ContainerCloudBuild.Testing.RequiredService.Require(servers is not null, "prometheus and prometheus-pushgateway", PrometheusServers.HowToInstall);

    public async ValueTask InitializeAsync()
    {
        if (PrometheusServers.Available)
            servers = await PrometheusServers.StartAsync([], CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (servers is not null)
            await servers.DisposeAsync();
    }

    /// <summary>Pushes one gauge sample under a job and waits until Prometheus has scraped it.</summary>
    public async Task PushAndWaitAsync(string job, string metric, double value, CancellationToken cancellationToken)
    {
        await Pushgateway.PushAsync(job, new Dictionary<string, string>(), [new PushMetric(metric, value, new Dictionary<string, string>())], cancellationToken);
        await WaitForAsync($"count({metric}{{job=\"{job}\"}})", cancellationToken);
    }

    /// <summary>Polls until <paramref name="query"/> returns a non-empty result (at most 15 s).</summary>
    public async Task WaitForAsync(string query, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var result = await Client.QueryAsync(query, null, cancellationToken);
            if (result.Samples.Count > 0)
                return;
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"Prometheus at {Servers.PrometheusUrl} had no result for '{query}' after 15 s");
    }

    public static IReadOnlyDictionary<string, string> NoArgs { get; } = new Dictionary<string, string>();

    public static IAnalysisObserver Collect(List<AnalysisMeasurement> into) => new DelegateAnalysisObserver(m => { lock (into) into.Add(m); });
}

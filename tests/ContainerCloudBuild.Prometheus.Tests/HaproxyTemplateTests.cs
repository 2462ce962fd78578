using System.Diagnostics;
using System.Net;
using ContainerCloudBuild.Analysis;
using ContainerCloudBuild.Analysis.Engine;
using ContainerCloudBuild.Prometheus.Templates;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Prometheus.Tests;

/// <summary>
/// The built-in HAProxy templates against a real HAProxy 2.6 exporter scraped by a real Prometheus: a stable
/// server that always answers 200, a canary that answers 500 to every 4th request, and an idle server.
/// </summary>
public sealed class HaproxyTemplateTests
{
    private const string Haproxy = "/usr/sbin/haproxy";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Templates_RealHaproxyTraffic_CanaryFailsStablePassesIdleHasNoData()
    {
        RequiredService.Require(File.Exists(Haproxy) && PrometheusServers.Available, "haproxy, prometheus and prometheus-pushgateway",
            "Install them with `apt-get install haproxy prometheus prometheus-pushgateway`.");
        using var dir = new TempDirectory("ccb-haproxy");
        using var stable = new Backend(_ => 200);
        using var canary = new Backend(i => i % 4 == 3 ? 500 : 200);
        int front = FreePort.Next(), metrics = FreePort.Next();
        var config = dir.WriteFile("haproxy.cfg", $"""
            defaults
              mode http
              timeout connect 2s
              timeout client 10s
              timeout server 10s
            frontend app
              bind 127.0.0.1:{front}
              default_backend app
            frontend metrics
              bind 127.0.0.1:{metrics}
              http-request use-service prometheus-exporter if {"{"} path /metrics {"}"}
            backend app
              balance roundrobin
              server stable 127.0.0.1:{stable.Port} weight 100
              server canary 127.0.0.1:{canary.Port} weight 100
              server idle 127.0.0.1:{FreePort.Next()} weight 0
            """ + "\n");
        using var haproxy = Process.Start(new ProcessStartInfo(Haproxy, ["-f", config, "-db"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        try
        {
            await WaitListening(haproxy, front);
            await using var prom = await PrometheusServers.StartAsync([$"127.0.0.1:{metrics}"], Ct);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var client = new PrometheusClient(http, prom.PrometheusUrl);
            // Prometheus must see the counters before the traffic, or rate() has no increase to measure.
            await WaitForScrapes(client, "haproxy_server_http_responses_total{proxy=\"app\",server=\"canary\",code=\"5xx\"}");
            for (var i = 0; i < 200; i++) // bounded load, ~100 requests per server
                using (await http.GetAsync(new Uri($"http://127.0.0.1:{front}/"), Ct)) { }
            await WaitForScrapes(client, "haproxy_server_http_responses_total{proxy=\"app\",server=\"canary\",code=\"5xx\"} > 0");

            var provider = new PrometheusMetricProvider(client);
            var canaryResult = await Run(provider, HaproxyTemplates.SuccessRate, "canary");
            var stableResult = await Run(provider, HaproxyTemplates.SuccessRate, "stable");
            var idleResult = await Run(provider, HaproxyTemplates.SuccessRate, "idle");
            var latency = await Run(provider, HaproxyTemplates.ResponseTimeAverage, "stable");
            var idleLatency = await Run(provider, HaproxyTemplates.ResponseTimeAverage, "idle");

            Assert.Equal(AnalysisOutcome.Failed, canaryResult.Outcome);
            Assert.True(canaryResult.Measurements.Count == 1 && canaryResult.Measurements[0].Values.Count == 1, canaryResult.Message);
            var ratio = canaryResult.Measurements[0].Values[0];
            Assert.InRange(ratio, 0.70, 0.80); // every 4th canary answer was a 500
            Assert.Contains("does not meet the success condition >= 0.99", canaryResult.Message, StringComparison.Ordinal);
            Assert.Equal(AnalysisOutcome.Successful, stableResult.Outcome);
            Assert.Equal(1, stableResult.Measurements[0].Values[0]);
            Assert.Equal(AnalysisOutcome.Failed, idleResult.Outcome);
            Assert.Contains("no data", idleResult.Message, StringComparison.Ordinal);
            Assert.Equal(AnalysisOutcome.Successful, latency.Outcome);
            Assert.Equal(AnalysisOutcome.Failed, idleLatency.Outcome); // no traffic: no data, not a stale 0
            Assert.Contains("no data", idleLatency.Message, StringComparison.Ordinal);

            var canaryAnalysis = await new AnalysisRunner(TimeProvider.System).RunAsync(
                HaproxyTemplates.CanaryAnalysis(provider, TimeSpan.FromSeconds(1), count: 1, window: TimeSpan.FromMinutes(1)),
                new Dictionary<string, string> { ["backend"] = "app", ["server"] = "canary" }, DelegateAnalysisObserver.None, Ct);
            Assert.Equal(AnalysisOutcome.Failed, canaryAnalysis.Outcome);
            Assert.Equal("haproxy_server_success_rate", canaryAnalysis.DecidingMetric);
        }
        finally
        {
            haproxy.Kill(entireProcessTree: true);
            await haproxy.WaitForExitAsync(Ct);
        }
    }

    private static Task<AnalysisResult> Run(IMetricProvider provider, MetricTemplate template, string server)
    {
        var metric = template.ToMetric(provider, TimeSpan.FromSeconds(1), count: 1) with { QueryWindow = TimeSpan.FromMinutes(1) };
        var args = new Dictionary<string, string> { ["backend"] = "app", ["server"] = server };
        return new AnalysisRunner(TimeProvider.System).RunAsync([metric], args, DelegateAnalysisObserver.None, Ct);
    }

    private static async Task WaitListening(Process haproxy, int port)
    {
        for (var i = 0; i < 100; i++)
        {
            if (haproxy.HasExited)
                throw new InvalidOperationException($"haproxy exited with {haproxy.ExitCode}: {await haproxy.StandardError.ReadToEndAsync(Ct)}");
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, port, Ct);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100, Ct);
            }
        }
        throw new TimeoutException($"haproxy did not listen on 127.0.0.1:{port}");
    }

    private static async Task WaitForScrapes(PrometheusClient client, string query)
    {
        // Wait for the series, then two more scrape intervals so rate() sees the new samples.
        for (var i = 0; i < 100; i++)
        {
            if ((await client.QueryAsync(query, null, Ct)).Samples.Count > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2.5), Ct);
                return;
            }
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"Prometheus never saw {query}");
    }

    /// <summary>An HTTP backend on 127.0.0.1 whose status depends on the request number.</summary>
    private sealed class Backend : IDisposable
    {
        private readonly HttpListener listener = new();
        private int count;

        public Backend(Func<int, int> status)
        {
            Port = FreePort.Next();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    try
                    {
                        var context = await listener.GetContextAsync();
                        context.Response.StatusCode = status(Interlocked.Increment(ref count) - 1);
                        context.Response.Close();
                    }
                    catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                }
            });
        }

        public int Port { get; }

        public void Dispose() => listener.Close();
    }
}

using System.Diagnostics;
using ContainerCloudBuild.Testing;

namespace ContainerCloudBuild.Prometheus.Tests;

/// <summary>
/// Starts the Debian <c>prometheus-pushgateway</c> and <c>prometheus</c> binaries on free loopback ports with
/// temp state: Prometheus scrapes the Pushgateway (and any extra targets) every second with honor_labels.
/// </summary>
public sealed class PrometheusServers : IAsyncDisposable
{
    public const string PrometheusBinary = "/usr/bin/prometheus";
    public const string PushgatewayBinary = "/usr/bin/prometheus-pushgateway";
    private readonly TempDirectory state = new("ccb-prom");
    private Process? prometheus;
    private Process? pushgateway;

    public static bool Available => File.Exists(PrometheusBinary) && File.Exists(PushgatewayBinary);

    public const string HowToInstall = "Install them with `apt-get install prometheus prometheus-pushgateway` (the tests start their own processes).";

    public Uri PrometheusUrl { get; private set; } = null!;

    public Uri PushgatewayUrl { get; private set; } = null!;

    public string StateDirectory => state.Path;

    public static async Task<PrometheusServers> StartAsync(IReadOnlyList<string> extraTargets, CancellationToken cancellationToken)
    {
        var servers = new PrometheusServers();
        try
        {
            var pgPort = FreePort.Next();
            servers.PushgatewayUrl = new Uri($"http://127.0.0.1:{pgPort}/");
            servers.pushgateway = servers.Start(PushgatewayBinary, "pushgateway.log", $"--web.listen-address=127.0.0.1:{pgPort}");
            await WaitReadyAsync(servers.PushgatewayUrl, servers.pushgateway, cancellationToken);

            var targets = string.Join(", ", new[] { $"127.0.0.1:{pgPort}" }.Concat(extraTargets).Select(t => $"'{t}'"));
            var config = servers.state.WriteFile("prometheus.yml", $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: ccb-test
                    honor_labels: true
                    static_configs:
                      - targets: [{targets}]
                """);
            var port = FreePort.Next();
            servers.PrometheusUrl = new Uri($"http://127.0.0.1:{port}/");
            servers.prometheus = servers.Start(PrometheusBinary, "prometheus.log",
                $"--config.file={config}", $"--storage.tsdb.path={servers.state.Combine("tsdb")}",
                $"--web.listen-address=127.0.0.1:{port}");
            await WaitReadyAsync(servers.PrometheusUrl, servers.prometheus, cancellationToken);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills Prometheus (to test provider errors) and waits until it is gone.</summary>
    public void KillPrometheus()
    {
        if (prometheus is { HasExited: false })
        {
            prometheus.Kill(entireProcessTree: true);
            prometheus.WaitForExit(5000);
        }
    }

    private Process Start(string binary, string logName, params string[] args)
    {
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {binary}");
        var log = new StreamWriter(state.Combine(logName)) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(Uri baseUrl, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before it was ready at {baseUrl}");
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "-/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"{process.StartInfo.FileName} was not ready at {baseUrl} within 30 s");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in new[] { prometheus, pushgateway })
        {
            if (p is null)
                continue;
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            p.Dispose();
        }
        state.Dispose();
    }
}

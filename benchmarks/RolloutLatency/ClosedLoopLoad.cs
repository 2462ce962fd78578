using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ContainerCloudBuild.RolloutLatency;

/// <summary>One request: when it was due and sent (Unix ms), how long it took (ms), its status and body.</summary>
sealed record LatencySample(double DueUnixMs, double SentUnixMs, double LatencyMs, int Status, string Body)
{
    public bool Failed => Status is < 200 or >= 300;

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture, $"{DueUnixMs:0.000},{SentUnixMs:0.000},{LatencyMs:0.000},{Status},{Body}");

    public static LatencySample FromCsv(string line)
    {
        var f = line.Split(',');
        return new LatencySample(double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
            double.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4]);
    }
}

/// <summary>
/// The load, in a process of its own (so the pipeline's JIT and GC cannot stall the client): <c>connections</c> threads,
/// each with one keep-alive connection, together sending <c>rate</c> GETs per second on a fixed schedule until stdin
/// closes; then every sample goes to the output file as CSV.
/// </summary>
static class ClosedLoopLoad
{
    public static int Run(Uri url, int rate, int connections, string outputFile)
    {
        var clock = Stopwatch.StartNew();
        var baseUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 200.0;
        var stop = new ManualResetEventSlim();
        var perConnection = Enumerable.Range(0, connections).Select(_ => new List<LatencySample>(100_000)).ToArray();
        var period = 1000.0 * connections / rate;
        var threads = Enumerable.Range(0, connections).Select(c => new Thread(() => Connection(c)) { IsBackground = true, Name = $"load-{c}" }).ToList();
        threads.ForEach(t => t.Start());
        Console.In.ReadToEnd(); // the benchmark closes stdin to stop the load
        stop.Set();
        threads.ForEach(t => t.Join());
        var text = new StringBuilder();
        foreach (var sample in perConnection.SelectMany(s => s).OrderBy(s => s.SentUnixMs))
            text.Append(sample.ToCsv()).Append('\n');
        File.WriteAllText(outputFile, text.ToString());
        return 0;

        double NowUnixMs() => baseUnixMs - 200.0 + clock.Elapsed.TotalMilliseconds;

        void Connection(int index)
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                Timeout = TimeSpan.FromSeconds(5),
            };
            var samples = perConnection[index];
            for (var k = 0L; !stop.IsSet; k++)
            {
                var due = baseUnixMs + (k * period) + (index * period / connections);
                var wait = due - NowUnixMs();
                if (wait > 0 && stop.Wait(TimeSpan.FromMilliseconds(wait)))
                    break;
                var sent = NowUnixMs();
                int status;
                string body;
                try
                {
                    using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url));
                    using var reader = new StreamReader(response.Content.ReadAsStream());
                    body = reader.ReadToEnd().Trim();
                    status = (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    (status, body) = (0, ex.GetType().Name);
                }
                samples.Add(new LatencySample(due, sent, NowUnixMs() - sent, status, body.Replace(',', ';')));
            }
        }
    }
}

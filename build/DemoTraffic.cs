using System.Diagnostics;

/// <summary>
/// Bounded background requests to the demo's frontend while a canary is analysed, so the traffic
/// router's metrics have data. Stops on dispose, after <see cref="MaxDuration"/>, or after
/// <see cref="MaxRequests"/>, whichever comes first; loopback only.
/// </summary>
sealed class DemoTraffic : IAsyncDisposable
{
    static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);
    const int MaxRequests = 20_000;
    readonly CancellationTokenSource _stop;
    readonly Task _loop;
    int _sent, _failed;

    public DemoTraffic(int port, int requestsPerSecond, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop.CancelAfter(MaxDuration);
        _loop = Task.Run(() => RunAsync(new Uri($"http://127.0.0.1:{port}/version"), requestsPerSecond, _stop.Token), CancellationToken.None);
    }

    async Task RunAsync(Uri url, int perSecond, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        while (!ct.IsCancellationRequested && _sent < MaxRequests)
        {
            var due = TimeSpan.FromSeconds((double)_sent / perSecond) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                try { await Task.Delay(due, ct); }
                catch (OperationCanceledException) { return; }
            }

            Interlocked.Increment(ref _sent);
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (HttpRequestException) { Interlocked.Increment(ref _failed); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        Console.WriteLine($"Demo traffic: {_sent} requests, {_failed} failed.");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace ContainerCloudBuild.Rollouts.Testing;

/// <summary>One request of a load run: when it started and ended (ms since the run began), its status and body.</summary>
public sealed record Sample(double StartMs, double EndMs, int Status, string? Body, string? Error)
{
    public bool Failed => Error is not null || Status is < 200 or >= 300;
}

/// <summary>
/// A bounded constant-rate load: <c>rate</c> GETs per second for at most <c>maxDuration</c> or until
/// <see cref="Stop"/>; every request has a timeout. Results carry timestamps to line up with rollout events.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };
    private readonly ConcurrentBag<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = new();
    private Task? _run;

    public DateTimeOffset StartedAt { get; private set; }

    public IReadOnlyList<Sample> Samples => [.. _samples.OrderBy(s => s.StartMs)];

    public double NowMs => _clock.Elapsed.TotalMilliseconds;

    public void Start(Uri url, int ratePerSecond, TimeSpan maxDuration)
    {
        StartedAt = DateTimeOffset.UtcNow;
        _clock.Start();
        _run = Task.Run(() => RunAsync(url, ratePerSecond, maxDuration));
    }

    private async Task RunAsync(Uri url, int ratePerSecond, TimeSpan maxDuration)
    {
        var inFlight = new List<Task>();
        var interval = 1000.0 / ratePerSecond;
        var total = (int)(maxDuration.TotalSeconds * ratePerSecond);
        for (var i = 0; i < total && !_stop.IsCancellationRequested; i++)
        {
            var due = i * interval;
            var wait = due - _clock.Elapsed.TotalMilliseconds;
            if (wait > 1)
                await Task.Delay(TimeSpan.FromMilliseconds(wait)).ConfigureAwait(false);
            inFlight.Add(OneAsync(url));
        }
        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task OneAsync(Uri url)
    {
        var start = _clock.Elapsed.TotalMilliseconds;
        try
        {
            using var response = await _client.GetAsync(url).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, (int)response.StatusCode, body.Trim(), null));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _samples.Add(new Sample(start, _clock.Elapsed.TotalMilliseconds, 0, null, ex.Message));
        }
    }

    /// <summary>Stops issuing requests and waits for those in flight.</summary>
    public async Task<IReadOnlyList<Sample>> StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
            await _run;
        return Samples;
    }

    /// <summary>Milliseconds since the load started for a wall-clock time (e.g. a rollout event).</summary>
    public double ToMs(DateTimeOffset at) => (at - StartedAt).TotalMilliseconds;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _client.Dispose();
    }
}

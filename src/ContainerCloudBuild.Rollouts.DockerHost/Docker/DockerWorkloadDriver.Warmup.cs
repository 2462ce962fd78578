using System.Globalization;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    /// <summary>
    /// Sends the warm-up GETs one after the other (paced to the spec's rate) to one replica's own address (not through the router) and says how it went.
    /// A failed request does not fail the health gate: the analysis and the router's checks judge the revision under traffic.
    /// </summary>
    private async Task<string> WarmUpAsync(string address, WarmupSpec warmup, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://{address}{warmup.Path}");
        var started = timeProvider.GetTimestamp();
        var (sent, succeeded, first, last) = (0, 0, TimeSpan.Zero, TimeSpan.Zero);
        string? stoppedBy = null;
        while (sent < warmup.Requests)
        {
            if (warmup.RatePerSecond > 0 && TimeSpan.FromSeconds((double)sent / warmup.RatePerSecond) - timeProvider.GetElapsedTime(started) is { Ticks: > 0 } early)
                await Task.Delay(early, timeProvider, cancellationToken).ConfigureAwait(false);
            sent++;
            var requestStarted = timeProvider.GetTimestamp();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(timeout);
            try
            {
                using var response = await http.GetAsync(url, attempt.Token).ConfigureAwait(false);
                await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    succeeded++;
            }
            catch (HttpRequestException ex)
            {
                stoppedBy = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                stoppedBy = $"no answer within the {timeout.TotalSeconds:0.#}s timeout";
            }
            last = timeProvider.GetElapsedTime(requestStarted);
            if (sent == 1)
                first = last;
            if (stoppedBy is not null)
                break;
        }
        var took = timeProvider.GetElapsedTime(started);
        return string.Create(CultureInfo.InvariantCulture,
            $"{address} warmed up with {sent} GET {warmup.Path} in {took.TotalMilliseconds:0} ms ({succeeded} answered 2xx; first {first.TotalMilliseconds:0.0} ms, last {last.TotalMilliseconds:0.0} ms)")
            + (stoppedBy is null ? "" : $"; stopped early: {stoppedBy}");
    }
}

using Docker.DotNet.Models;

namespace ContainerCloudBuild.Rollouts.DockerHost.Docker;

public sealed partial class DockerWorkloadDriver
{
    /// <summary>The pause after the first failed try; it doubles after each failure up to the health check's interval.</summary>
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// GET the health path at once, then again after 50 ms, 100 ms, ... doubling up to the interval (each try bounded
    /// by the timeout) until 2xx, the container exits, or the deadline (a service up in 0.3 s passes in about 0.35 s,
    /// not at the next full interval); then the warm-up requests, if any, before the revision takes traffic.
    /// </summary>
    public async Task<HealthResult> WaitHealthyAsync(string app, RevisionInfo revision, HealthCheckSpec healthCheck, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(healthCheck);
        var url = new Uri($"http://{revision.Address}{healthCheck.Path}");
        var started = timeProvider.GetUtcNow();
        var last = "no answer yet";
        var attempts = 0;
        var pause = FirstRetry < healthCheck.Interval ? FirstRetry : healthCheck.Interval;
        while (timeProvider.GetUtcNow() - started < healthCheck.Deadline)
        {
            attempts++;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attempt.CancelAfter(healthCheck.Timeout);
                try
                {
                    using var response = await http.GetAsync(url, attempt.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        var healthy = $"GET {url} answered {(int)response.StatusCode} after {attempts} attempt(s) in {(timeProvider.GetUtcNow() - started).TotalMilliseconds:0} ms";
                        return HealthResult.Ok(healthCheck.Warmup is { Requests: > 0 } warmup
                            ? $"{healthy}; {await WarmUpAsync(revision, warmup, healthCheck.Timeout, cancellationToken).ConfigureAwait(false)}"
                            : healthy);
                    }
                    last = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = $"no answer within the {healthCheck.Timeout.TotalSeconds:0.#}s timeout";
                }
            }
            var container = await TryInspectAsync(DockerLabels.ContainerName(app, revision.Revision), cancellationToken).ConfigureAwait(false);
            if (container?.State is not { Running: true })
                return await UnhealthyAsync(app, revision, $"the container exited (exit code {container?.State?.ExitCode}) before GET {url} succeeded; last: {last}", cancellationToken).ConfigureAwait(false);
            await Task.Delay(pause, timeProvider, cancellationToken).ConfigureAwait(false);
            pause = pause * 2 < healthCheck.Interval ? pause * 2 : healthCheck.Interval;
        }
        return await UnhealthyAsync(app, revision, $"GET {url} did not answer 2xx within {healthCheck.Deadline.TotalSeconds:0.#}s ({attempts} attempts; last: {last})", cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<HealthResult> UnhealthyAsync(string app, RevisionInfo revision, string message, CancellationToken cancellationToken) =>
        new(false, message, await LastLogLinesAsync(DockerLabels.ContainerName(app, revision.Revision), 20, cancellationToken).ConfigureAwait(false));

    /// <summary>The container's last stdout/stderr lines, for failure messages.</summary>
    public async Task<IReadOnlyList<string>> LastLogLinesAsync(string containerName, int lines, CancellationToken cancellationToken)
    {
        try
        {
            var collected = new List<string>();
            await docker.Containers.GetContainerLogsAsync(containerName,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Follow = false, Tail = lines.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new CollectLines(collected), cancellationToken).ConfigureAwait(false);
            lock (collected)
                return [.. collected.SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TakeLast(lines)];
        }
        catch (global::Docker.DotNet.DockerApiException ex)
        {
            return [$"(logs unavailable: {ex.Message})"];
        }
    }
}

/// <summary>Synchronous IProgress (Progress&lt;T&gt; posts to the thread pool and could lose the last lines).</summary>
internal sealed class CollectLines(List<string> lines) : IProgress<string>
{
    public void Report(string value)
    {
        lock (lines)
            lines.Add(value);
    }
}
